/** Words the playbook and the engine share: what a playbook may say, checked by its schema, understood by the engine. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00-17:30": opening hours of one day. */
export const HOURS_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/u;

/** "90s", "15m", "2h", "30d". */
export const DURATION_PATTERN = /^(\d+)\s*([smhd])$/u;

const DURATION_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A playbook duration in milliseconds; null when it is not one. */
export const parseDuration = (text: string): number | null => {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * (DURATION_UNITS[match[2] as string] as number);
};

export const SPAM_FAMILIES = ['self_promotion', 'disguised_link', 'scam'] as const;
export type SpamFamily = (typeof SPAM_FAMILIES)[number];
