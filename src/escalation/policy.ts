import type { ChatName } from '../domain/chat.js';
import type { Calendar } from '../engine/business-hours.js';

export interface EscalationPolicy {
  /** Minutes after the escalation at which to ping again, e.g. [5, 15, 30]. */
  ladderMinutes: number[];
  /** After the last rung, a direct message to this person (chat user id), if set. */
  thenDirectMessage: string | undefined;
  /** Local "22:00-07:00" when only urgent escalations ping; others wait for the morning. */
  quietHours: { from: number; to: number } | undefined;
  timezone: string;
}

export const DEFAULT_LADDER = [5, 15, 30];

const minuteOfDay = (at: Date, timezone: string): number => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
};

/** How long to wait before a non-urgent ping may go out (0 outside quiet hours). */
export const quietDelayMs = (policy: EscalationPolicy, at: Date): number => {
  if (!policy.quietHours) return 0;
  const { from, to } = policy.quietHours;
  const now = minuteOfDay(at, policy.timezone);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return 0;
  const minutesLeft = (to - now + 1440) % 1440;
  return minutesLeft * 60_000;
};

export const calendarTimezone = (calendar: Calendar | null): string => calendar?.timezone ?? 'UTC';

/**
 * The chat whose user `then_dm` names: a Slack user id (U…, W…) or a Discord snowflake (digits). A card
 * escalated in two chats rings both, but the last rung's direct message goes once, from that chat
 * (an id of neither shape is sent from every chat the escalation rings in, as it is given).
 */
export const directMessageChat = (userId: string): ChatName | undefined => {
  if (/^[UW][A-Z0-9]{2,}$/u.test(userId)) return 'slack';
  if (/^\d{15,21}$/u.test(userId)) return 'discord';
  return undefined;
};
