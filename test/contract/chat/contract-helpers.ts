import { expect } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { eventually, postMeta } from '../../support/app-harness.js';
import type { AlertView, CardRef, CardView, ChatDriver, Person } from './chat-driver.js';

export interface Customer {
  name: string;
  authorId: string;
  commentId: string;
  postId: string;
}

let sequence = 0;

/** The next new customer and the id their comment will have (to set the fake platform up before it arrives); on the contract's post unless told. */
export const nextCustomer = (postId = POST_ID): Customer => {
  sequence += 1;
  const n = String(sequence).padStart(4, '0');
  return { name: `Customer ${n} Contract`, authorId: `66000000000${n}`, commentId: `${postId.split('_')[1]}_1700000000${n}`, postId };
};

/** A new Facebook comment by a new customer (or on another post, by its id), delivered as Meta delivers it (a signed webhook). */
export const customerComments = async (driver: ChatDriver, text: string, who: Customer | string = nextCustomer()): Promise<Customer> => {
  const customer = typeof who === 'string' ? nextCustomer(who) : who;
  const { postId } = customer;
  const from = { id: customer.authorId, name: customer.name };
  driver.world.graph.addComment({ id: customer.commentId, from, message: text, postId });
  const answer = await postMeta(
    driver.world.appUrl,
    commentAdded({ postId, commentId: customer.commentId, message: text, from, createdTime: Math.floor(Date.now() / 1000) }),
  );
  expect(answer.status).toBe(200);
  return customer;
};

/** A new customer's comment and the card it makes. */
export const newCard = async (driver: ChatDriver, text = 'I want a refund please') => {
  const customer = await customerComments(driver, text);
  return { customer, card: await driver.cardFor(customer.name) };
};

/** Waits until the card shows what the predicate wants (cards are updated through the queue). */
export const cardWhen = (driver: ChatDriver, card: CardRef, what: string, predicate: (view: CardView) => boolean): Promise<CardView> =>
  eventually(async () => {
    const view = await driver.card(card);
    return predicate(view) ? view : undefined;
  }, what);

/** Waits until the escalation alert linking this card shows what the predicate wants. */
export const alertWhen = (driver: ChatDriver, card: CardRef, what: string, predicate: (alert: AlertView) => boolean = () => true) =>
  eventually(async () => (await driver.alerts()).find((alert) => alert.linkedCard === card.id && predicate(alert)), what);

/** Waits for a note in the card's thread that matches. */
export const noteOn = (driver: ChatDriver, card: CardRef, pattern: RegExp): Promise<string> =>
  eventually(async () => (await driver.card(card)).notes.find((note) => pattern.test(note)), `a note matching ${pattern}`);

/** Waits for the private replies this person gets after `seen` of them, and returns the new ones. */
export const newPrivateReplies = (driver: ChatDriver, as: Person, seen: number): Promise<string[]> =>
  eventually(async () => {
    const replies = await driver.privateRepliesTo(as);
    return replies.length > seen ? replies.slice(seen) : undefined;
  }, `a private reply to ${as}`);

/** Waits until no work is queued or running, so "exactly once" can be counted. */
export const settled = (driver: ChatDriver): Promise<boolean> => eventually(() => driver.world.idle(), 'the queues to drain');

/** Graph calls that set a comment's visibility, in order ("true"/"false"). */
export const visibilityCalls = (driver: ChatDriver, commentId: string): string[] =>
  driver.world.graph.calls
    .filter((call) => call.method === 'POST' && call.path === `/${commentId}` && 'is_hidden' in call.body)
    .map((call) => String(call.body.is_hidden));
