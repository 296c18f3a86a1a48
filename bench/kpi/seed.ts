import pg from 'pg';
import { seedActions, seedCards, seedDecisions, seedMessages } from './seed-activity.js';
import { SEED_FUNCTIONS, seedAccountsAndContacts, seedConversationPlan, seedConversations } from './seed-conversations.js';

export interface SeedShape {
  conversations: number;
  messagesPerConversation: number;
  contacts: number;
  days: number;
}

export const FULL_SHAPE: SeedShape = { conversations: 200_000, messagesPerConversation: 5, contacts: 120_000, days: 90 };

const TABLES = ['accounts', 'contacts', 'conversations', 'messages', 'decisions', 'cards', 'actions'];

/** Secondary indexes are dropped for the load and rebuilt once: one sort beats a million inserts into each. */
const dropSecondaryIndexes = async (client: pg.Client): Promise<string[]> => {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [TABLES],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((row) => row.definition);
};

export interface SeedTimings {
  steps: { name: string; ms: number }[];
  totalMs: number;
  rows: Record<string, number>;
}

/** Fills an empty, migrated database with `shape` ending at `now`, then VACUUM ANALYZE as autovacuum would. */
export const seedDatabase = async (
  url: string,
  now: Date,
  shape: SeedShape = FULL_SHAPE,
  log: (line: string) => void = () => undefined,
): Promise<SeedTimings> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const literal = `'${now.toISOString()}'::timestamptz`;
  const steps: SeedTimings['steps'] = [];
  const started = performance.now();
  const step = async (name: string, text: string) => {
    const begin = performance.now();
    await client.query(text.replaceAll(':now', literal));
    const ms = performance.now() - begin;
    steps.push({ name, ms });
    log(`${name.padEnd(28)} ${(ms / 1000).toFixed(1)} s`);
  };
  try {
    // Replica mode skips foreign-key triggers: the seed builds its references consistent by construction.
    await client.query(
      `SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'; SET session_replication_role = replica`,
    );
    const indexes = await dropSecondaryIndexes(client);
    const { conversations, messagesPerConversation: per, contacts, days } = shape;
    await step('functions', SEED_FUNCTIONS);
    await step('accounts and contacts', seedAccountsAndContacts(contacts));
    await step('conversation plan', seedConversationPlan(conversations, contacts, days));
    await step('conversations', seedConversations);
    await step('messages', seedMessages(per));
    await step('decisions', seedDecisions(per));
    await step('cards', seedCards(per));
    await step('actions', seedActions(per, conversations));
    await step('indexes', indexes.join(';\n'));
    await step(
      'sequences and cleanup',
      [
        ...TABLES.map((table) => `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 1) FROM ${table}))`),
        'DROP TABLE bench_conv',
        'DROP FUNCTION bench_platform(bigint), bench_u(bigint, int)',
      ].join(';\n'),
    );
    await step('vacuum analyze', `VACUUM (ANALYZE) ${TABLES.join(', ')}`);
    const rows: Record<string, number> = {};
    for (const table of TABLES) {
      rows[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
    }
    return { steps, totalMs: performance.now() - started, rows };
  } finally {
    await client.end();
  }
};
