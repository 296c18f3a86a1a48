import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { Period } from './period.js';

export interface DailySeries {
  /** Inbound messages per local day, oldest first. */
  volume: number[];
  /** Median wall-time first response (ms) of the conversations that started that day; null when none was answered. */
  medianFirstResponseMs: (number | null)[];
}

interface Row {
  day: number;
  volume: number;
  median: number | null;
}

/**
 * One index range per local day (its bounds computed in the reader's zone, so DST days are 23 or
 * 25 hours long), instead of converting every row's timestamp to a local date and sorting by it.
 */
export const dailySeries = async (db: Db, period: Period): Promise<DailySeries> => {
  if (period.days.length === 0) return { volume: [], medianFirstResponseMs: [] };
  const { rows } = await sql<Row>`
    SELECT day,
      (SELECT count(*)::int FROM messages
       WHERE direction = 'inbound' AND created_at >= bounds[day] AND created_at < bounds[day + 1]) AS volume,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, date_part('epoch', first_response_at - first_inbound_at)))
       FROM conversations
       WHERE first_inbound_at >= bounds[day] AND first_inbound_at < bounds[day + 1]
         AND needs_response AND first_response_at IS NOT NULL) AS median
    FROM (SELECT ${period.boundaries}::timestamptz[] AS bounds) b, generate_series(1, ${period.days.length}::int) AS day
    ORDER BY day
  `.execute(db);
  return {
    volume: rows.map((row) => row.volume),
    medianFirstResponseMs: rows.map((row) => (row.median === null ? null : Math.round(row.median * 1000))),
  };
};
