const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const counts = new Intl.NumberFormat('en-US');
const shares = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatCount = (value: number): string => counts.format(value);

/** "45s", "4m 30s", "38m", "3h 10m", "2d 4h": short enough for a phone, exact to the second under ten minutes. */
export const formatDuration = (ms: number): string => {
  const total = Math.round(Math.abs(ms) / SECOND) * SECOND;
  if (total < MINUTE) return `${total / SECOND}s`;
  if (total < 10 * MINUTE) {
    const seconds = (total % MINUTE) / SECOND;
    return seconds === 0 ? `${Math.floor(total / MINUTE)}m` : `${Math.floor(total / MINUTE)}m ${seconds}s`;
  }
  if (total < HOUR) return `${Math.round(total / MINUTE)}m`;
  const minutesTotal = Math.round(total / MINUTE);
  if (total < DAY) {
    const hours = Math.floor(minutesTotal / 60);
    const minutes = minutesTotal % 60;
    return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
  }
  const hoursTotal = Math.round(total / HOUR);
  const days = Math.floor(hoursTotal / 24);
  const hours = hoursTotal % 24;
  return hours === 0 ? `${days}d` : `${days}d ${hours}h`;
};

/** A share to one decimal ("66.7%", "50%"); "—" when there is nothing to divide by. */
export const formatShare = (part: number, whole: number): string => {
  if (whole === 0) return '—';
  return `${shares.format(Math.round((part / whole) * 1000) / 10)}%`;
};

/** "66.7% (2 of 3)": the share and what it is a share of. */
export const formatRatio = (part: number, whole: number): string =>
  whole === 0 ? '— (none yet)' : `${formatShare(part, whole)} (${formatCount(part)} of ${formatCount(whole)})`;

export const formatMoney = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);

const KIND_NAMES: Record<string, [string, string]> = {
  comment: ['comment', 'comments'],
  reply: ['reply', 'replies'],
  dm: ['DM', 'DMs'],
};

export const kindLabel = (kind: string, count = 1): string => {
  const [one, many] = KIND_NAMES[kind] ?? [kind, `${kind}s`];
  return count === 1 ? one : many;
};

export const countOf = (count: number, kind: string): string => `${formatCount(count)} ${kindLabel(kind, count)}`;
