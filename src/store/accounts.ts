import { sql } from 'kysely';
import type { Db } from './db.js';

/** The id of the brand account (page, IG account, phone number) with this platform id, if stored. */
export const findAccountId = async (db: Db, platform: string, externalId: string): Promise<string | undefined> =>
  (await findAccount(db, platform, externalId))?.id;

/**
 * The account's id, and whether its row is committed: a row this very transaction inserted (or
 * changed) is visible to it but dies with a rollback, so it must not be remembered beyond it.
 * (No savepoints are used around it: a subtransaction's rows would carry another xid.)
 */
export const findAccount = async (db: Db, platform: string, externalId: string): Promise<{ id: string; committed: boolean } | undefined> =>
  db
    .selectFrom('accounts')
    .select(['id', sql<boolean>`pg_current_xact_id_if_assigned() IS NULL OR xmin <> pg_current_xact_id_if_assigned()::xid`.as('committed')])
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

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
