import { sql } from 'kysely';
import type { Db } from './db.js';

export interface EventToStore {
  source: string;
  dedupeKey: string;
  payload: unknown;
  /** Recorded only (statuses, reactions…): stored as already processed. */
  recordOnly: boolean;
}

export interface StoredEvent {
  dedupeKey: string;
  /** Row id when this call stored it; undefined when it was already there (a redelivery). */
  id: string | undefined;
  recordOnly: boolean;
}

/** Four bind parameters a row: 4,000 a statement, far from Postgres's limit of 65,535. */
const ROWS_PER_INSERT = 1000;

interface InsertedRow {
  id: string;
  source: string;
  dedupe_key: string;
}

const chunksOf = <T>(items: T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};

const insertRows = (db: Db, rows: EventToStore[]): Promise<InsertedRow[]> =>
  db
    .insertInto('inbound_events')
    .values(
      rows.map((event) => ({
        source: event.source,
        dedupe_key: event.dedupeKey,
        payload: JSON.stringify(event.payload),
        processed_at: event.recordOnly ? sql<Date>`now()` : null,
      })),
    )
    .onConflict((conflict) => conflict.columns(['source', 'dedupe_key']).doNothing())
    .returning(['id', 'source', 'dedupe_key'])
    .execute();

interface Pending {
  events: EventToStore[];
  resolve: (stored: StoredEvent[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group concurrent webhook writes into one INSERT per flush: under load this turns hundreds of
 * single-row commits into a few multi-row ones, and every caller still answers only after its
 * rows are committed.
 */
export const createEventWriter = (db: Db, options: { maxBatch?: number; maxInFlight?: number; rowsPerInsert?: number } = {}) => {
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 4;
  const rowsPerInsert = options.rowsPerInsert ?? ROWS_PER_INSERT;
  let waiting: Pending[] = [];
  let inFlight = 0;

  const insert = async (events: EventToStore[]) => {
    const rows = [...new Map(events.map((event) => [`${event.source}\u0000${event.dedupeKey}`, event])).values()];
    const chunks = chunksOf(rows, rowsPerInsert);
    // One body may carry thousands of events: they go in several INSERTs, but all in one
    // transaction, so the 200 that follows still means every one of them is stored.
    const inserted =
      chunks.length === 1
        ? await insertRows(db, rows)
        : await db.transaction().execute(async (trx) => {
            const all: InsertedRow[] = [];
            for (const chunk of chunks) all.push(...(await insertRows(trx, chunk)));
            return all;
          });
    return new Map(inserted.map((row) => [`${row.source}\u0000${row.dedupe_key}`, row.id]));
  };

  const flush = () => {
    if (waiting.length === 0 || inFlight >= maxInFlight) return;
    const batch: Pending[] = [];
    let size = 0;
    while (waiting.length > 0 && (batch.length === 0 || size + waiting[0]!.events.length <= maxBatch)) {
      const next = waiting.shift()!;
      batch.push(next);
      size += next.events.length;
    }
    inFlight += 1;
    insert(batch.flatMap((pending) => pending.events))
      .then((ids) => {
        // Within one batch a key is stored once: the first caller owns it, later ones are redeliveries.
        const claimed = new Set<string>();
        for (const pending of batch) {
          pending.resolve(
            pending.events.map((event) => {
              const key = `${event.source}\u0000${event.dedupeKey}`;
              const id = claimed.has(key) ? undefined : ids.get(key);
              claimed.add(key);
              return { dedupeKey: event.dedupeKey, id, recordOnly: event.recordOnly };
            }),
          );
        }
      })
      .catch((error: unknown) => {
        for (const pending of batch) pending.reject(error);
      })
      .finally(() => {
        inFlight -= 1;
        flush();
      });
    flush();
  };

  return {
    write: (events: EventToStore[]): Promise<StoredEvent[]> => {
      if (events.length === 0) return Promise.resolve([]);
      return new Promise<StoredEvent[]>((resolve, reject) => {
        waiting.push({ events, resolve, reject });
        flush();
      });
    },
    /** Rejects everything still waiting (shutdown). */
    abort: (error: Error) => {
      const dropped = waiting;
      waiting = [];
      for (const pending of dropped) pending.reject(error);
    },
  };
};

export type EventWriter = ReturnType<typeof createEventWriter>;
