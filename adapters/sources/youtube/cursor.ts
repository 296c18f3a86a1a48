import { z } from 'zod';

/*
 * Where the last poll stopped: the newest top-level comment's time seen (the high-water mark), the
 * ids seen at exactly that time (YouTube's times are whole seconds, so several comments share one),
 * the reply counts of recently seen threads, to notice new replies beyond the five a thread carries,
 * and how far the sweep over older threads (for their new replies) has come.
 */
const cursorSchema = z.object({
  v: z.literal(1),
  mark: z.iso.datetime({ offset: true }),
  atMark: z.array(z.string()),
  replyCounts: z.record(z.string(), z.number().int().nonnegative()),
  /** Where the next sweep page starts (null: right after the pages a poll reads anyway), and how far it has gone. */
  sweep: z.object({ pageToken: z.string().nullable(), page: z.number().int().nonnegative(), pollsSince: z.number().int().nonnegative() }),
});
export type YouTubeCursor = z.output<typeof cursorSchema>;

/** Threads whose reply counts are remembered: the newest ones, as far as the sweep reaches. */
export const MAX_TRACKED_THREADS = 3_000;
/** A first poll reads back this far, not the channel's whole history. */
export const FIRST_POLL_LOOKBACK_MS = 24 * 60 * 60_000;

export const startingCursor = (now: Date): YouTubeCursor => ({
  v: 1,
  mark: new Date(now.getTime() - FIRST_POLL_LOOKBACK_MS).toISOString(),
  atMark: [],
  replyCounts: {},
  sweep: { pageToken: null, page: 0, pollsSince: 0 },
});

/** A cursor this version cannot read starts again from the lookback; stored ids keep that from duplicating anything. */
export const readCursor = (text: string | null, now: Date): YouTubeCursor => {
  if (text === null) return startingCursor(now);
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : startingCursor(now);
  } catch {
    return startingCursor(now);
  }
};

export const writeCursor = (cursor: YouTubeCursor): string => JSON.stringify(cursor);

/** Whether the comment at `publishedAt` with `id` is one the cursor has already seen. */
export const seenBefore = (cursor: YouTubeCursor, publishedAt: string, id: string): boolean => {
  const at = Date.parse(publishedAt);
  const mark = Date.parse(cursor.mark);
  return at < mark || (at === mark && cursor.atMark.includes(id));
};
