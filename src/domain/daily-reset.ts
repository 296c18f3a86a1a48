import { DateTime, IANAZone } from 'luxon';

/**
 * A quota that resets every day at `hour`:00 in a time zone (YouTube: midnight Pacific), as the
 * `nextReset` of a PollQuota.
 */
export const dailyResetAt = (timeZone: string, hour = 0): ((now: Date) => Date) => {
  if (!IANAZone.isValidZone(timeZone)) {
    throw new Error(`"${timeZone}" is not a time zone: use an IANA name such as America/Los_Angeles`);
  }
  return (now) => {
    const local = DateTime.fromJSDate(now, { zone: timeZone });
    const today = local.startOf('day').set({ hour });
    return (today > local ? today : today.plus({ days: 1 })).toJSDate();
  };
};
