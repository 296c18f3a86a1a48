import { sql } from 'kysely';
import type { Db } from './db.js';

/** The id of the brand account (page, IG account, phone number) with this platform id, if stored. */
export const findAccountId = async (db: Db, platform: string, externalId: string): Promise<string | undefined> => {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.id;
};

/** Inserts the account without locking an existing row; undefined when another transaction stored it first. */
export const insertAccount = async (db: Db, platform: string, externalId: string): Promise<string | undefined> => {
  const row = await db
    .insertInto('accounts')
    .values({ platform, external_id: externalId, name: null })
    .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
};

/**
 * Names brand accounts (what their cards show), adding the ones not seen yet; a name already stored
 * is rewritten only when it changed, so start-ups after the first write nothing.
 */
export const nameAccounts = async (db: Db, accounts: { platform: string; externalId: string; name: string }[]): Promise<void> => {
  if (accounts.length === 0) return;
  await db
    .insertInto('accounts')
    .values(accounts.map((account) => ({ platform: account.platform, external_id: account.externalId, name: account.name })))
    .onConflict((conflict) =>
      conflict
        .columns(['platform', 'external_id'])
        .doUpdateSet({ name: sql<string>`excluded.name` })
        .where(sql<boolean>`accounts.name IS DISTINCT FROM excluded.name`),
    )
    .execute();
};
