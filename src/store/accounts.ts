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
