import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { Period } from './period.js';

export interface VolumeFigures {
  inbound: number;
  /** Inbound messages the rules handled with no person's action (messages.handled_by = 'rules'). */
  automated: number;
  byPlatform: { platform: string; total: number; byKind: { kind: string; count: number }[] }[];
}

interface Row {
  platform: string;
  kind: string;
  total: number;
  automated: number;
}

/** Inbound volume by platform and kind, read from the covering index alone. */
export const messageVolume = async (db: Db, period: Period): Promise<VolumeFigures> => {
  const { rows } = await sql<Row>`
    SELECT platform, kind, count(*)::int AS total, count(*) FILTER (WHERE handled_by = 'rules')::int AS automated
    FROM messages
    WHERE direction = 'inbound' AND created_at >= ${period.from} AND created_at < ${period.to}
    GROUP BY platform, kind
  `.execute(db);

  const platforms = new Map<string, VolumeFigures['byPlatform'][number]>();
  for (const row of rows) {
    const entry = platforms.get(row.platform) ?? { platform: row.platform, total: 0, byKind: [] };
    entry.total += row.total;
    entry.byKind.push({ kind: row.kind, count: row.total });
    platforms.set(row.platform, entry);
  }
  const byPlatform = [...platforms.values()]
    .map((entry) => ({ ...entry, byKind: entry.byKind.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)) }))
    .sort((a, b) => b.total - a.total || a.platform.localeCompare(b.platform));
  return {
    inbound: rows.reduce((sum, row) => sum + row.total, 0),
    automated: rows.reduce((sum, row) => sum + row.automated, 0),
    byPlatform,
  };
};
