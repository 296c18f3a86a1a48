import type { ActionNeedingAttention } from '../store/actions.js';

const HEADERS = ['ID', 'STATE', 'CARD', 'PLATFORM', 'KIND', 'ATTEMPTS', 'AGE', 'LAST ERROR'] as const;
const ERROR_WIDTH = 100;

/** "3d", "5h", "12m", "40s": enough to see at a glance what has waited long. */
export const formatAge = (since: Date, now: Date): string => {
  const seconds = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  if (seconds >= 86_400) return `${Math.floor(seconds / 86_400)}d`;
  if (seconds >= 3_600) return `${Math.floor(seconds / 3_600)}h`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m`;
  return `${seconds}s`;
};

const oneLine = (text: string | null): string => {
  const flat = (text ?? '').replace(/\s+/gu, ' ').trim();
  return flat.length > ERROR_WIDTH ? `${flat.slice(0, ERROR_WIDTH - 1)}…` : flat;
};

/** The actions as an aligned table, one per line, columns padded to their widest cell. */
export const formatActionsTable = (actions: readonly ActionNeedingAttention[], now: Date): string => {
  const rows = actions.map((action) => [
    action.id,
    action.reason,
    action.cardId ?? '-',
    action.platform,
    action.kind,
    String(action.attempts),
    formatAge(action.createdAt, now),
    oneLine(action.error),
  ]);
  const all = [[...HEADERS], ...rows];
  const widths = HEADERS.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  return all
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};
