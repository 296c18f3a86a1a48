import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../../../src/domain/message.js';
import type { Db } from '../../../src/store/db.js';
import { storeMessagesWithThreads } from '../../../src/store/message-threads.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';

/*
 * The batch store says which contacts and conversations it created, so the history read that
 * follows skips them (nothing can be stored about a row that did not exist): most of a viral
 * post's commenters are new. A row it found and updated is not new, whoever created it.
 */

let database: IsolatedDatabase;
let db: Db;
let account = '';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  account = (await sql<{ id: string }>`INSERT INTO accounts (platform, external_id) VALUES ('facebook', 'page') RETURNING id`.execute(db))
    .rows[0]!.id;
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

const comment = (id: string, author: string, thread: string): Message => ({
  externalId: id,
  platform: 'facebook',
  kind: 'comment',
  accountId: 'page',
  author: { id: author, name: author },
  text: 'hello',
  post: { id: 'post' },
  threadId: thread,
  createdAt: new Date(),
  fromSelf: false,
});

const store = (messages: Message[]) =>
  storeMessagesWithThreads(
    db,
    messages.map((message) => ({ message, accountId: account, conversationKey: message.threadId!, eventId: null })),
  );

it('marks the contacts and conversations it created, and not the ones it found', async () => {
  const first = await store([comment('c1', 'ann', 't1'), comment('c2', 'ann', 't1'), comment('c3', 'bob', 't2')]);
  expect(first.map((stored) => [stored?.contactIsNew, stored?.conversationIsNew])).toEqual([
    [true, true],
    [true, true],
    [true, true],
  ]);
  expect(first[0]?.contactId).toBe(first[1]?.contactId);

  // Ann comes back in a new thread; Bob in his; Cy is new.
  const second = await store([comment('c4', 'ann', 't3'), comment('c5', 'bob', 't2'), comment('c6', 'cy', 't4')]);
  expect(second.map((stored) => [stored?.contactIsNew, stored?.conversationIsNew])).toEqual([
    [false, true],
    [false, false],
    [true, true],
  ]);
  expect(second[0]?.contactId).toBe(first[0]?.contactId);
  expect(second[1]?.conversationId).toBe(first[2]?.conversationId);
});
