import type { Db } from '../../../src/store/db.js';

/*
 * A handful of conversations whose KPIs are worked out by hand in the tests. All times UTC;
 * Athens is UTC+3 in June. "Now" is Thursday 12 June 2025, 12:00 UTC (15:00 in Athens).
 */
export const NOW = new Date('2025-06-12T12:00:00Z');
export const ZONE = 'Europe/Athens';

type Handled = 'rules' | 'person' | null;

interface MessageSpec {
  at: string;
  kind: 'comment' | 'reply' | 'dm';
  direction?: 'inbound' | 'outbound';
  handledBy?: Handled;
}

interface ConversationSpec {
  platform: 'facebook' | 'instagram';
  kind: 'comment' | 'dm';
  state: 'open' | 'waiting' | 'resolved' | 'ignored';
  needsResponse: boolean;
  response?: { at: string; by: 'automation' | 'human' };
  deadline?: string;
  assignee?: string;
  escalatedAt?: string;
  acknowledgedAt?: string;
  qualifiedAt?: string;
  bookedAt?: string;
  convertedAt?: string;
  messages: MessageSpec[];
}

export const CONVERSATIONS = {
  // Answered by automation after 30 s, well inside its 2 h target; resolved.
  c1: {
    platform: 'facebook',
    kind: 'comment',
    state: 'resolved',
    needsResponse: true,
    response: { at: '2025-06-10T08:00:30Z', by: 'automation' },
    deadline: '2025-06-10T10:00:00Z',
    messages: [
      { at: '2025-06-10T08:00:00Z', kind: 'comment', handledBy: 'rules' },
      { at: '2025-06-10T08:00:30Z', kind: 'reply', direction: 'outbound' },
    ],
  },
  // Automation after 90 s; the customer wrote again (no rule matched); now waiting on them.
  c2: {
    platform: 'facebook',
    kind: 'comment',
    state: 'waiting',
    needsResponse: true,
    response: { at: '2025-06-10T09:01:30Z', by: 'automation' },
    deadline: '2025-06-10T11:00:00Z',
    messages: [
      { at: '2025-06-10T09:00:00Z', kind: 'comment', handledBy: 'rules' },
      { at: '2025-06-10T09:01:30Z', kind: 'reply', direction: 'outbound' },
      { at: '2025-06-10T09:05:00Z', kind: 'reply', handledBy: null },
    ],
  },
  // A DM lead: escalated, acknowledged after 4 min, answered by a person in 20 min (target 30 min), booked.
  c3: {
    platform: 'instagram',
    kind: 'dm',
    state: 'resolved',
    needsResponse: true,
    assignee: 'slack:U0ALICE01',
    response: { at: '2025-06-11T07:20:00Z', by: 'human' },
    deadline: '2025-06-11T07:30:00Z',
    escalatedAt: '2025-06-11T07:05:00Z',
    acknowledgedAt: '2025-06-11T07:09:00Z',
    qualifiedAt: '2025-06-11T07:10:00Z',
    bookedAt: '2025-06-11T07:30:00Z',
    messages: [
      { at: '2025-06-11T07:00:00Z', kind: 'dm', handledBy: 'person' },
      { at: '2025-06-11T07:02:00Z', kind: 'dm', handledBy: 'person' },
      { at: '2025-06-11T07:20:00Z', kind: 'dm', direction: 'outbound' },
    ],
  },
  // A DM answered by a person after 3 h, an hour past its deadline; booked and converted.
  c4: {
    platform: 'instagram',
    kind: 'dm',
    state: 'resolved',
    needsResponse: true,
    response: { at: '2025-06-11T13:00:00Z', by: 'human' },
    deadline: '2025-06-11T12:00:00Z',
    qualifiedAt: '2025-06-11T10:05:00Z',
    bookedAt: '2025-06-11T10:30:00Z',
    convertedAt: '2025-06-12T08:00:00Z',
    messages: [
      { at: '2025-06-11T10:00:00Z', kind: 'dm', handledBy: 'person' },
      { at: '2025-06-11T13:00:00Z', kind: 'dm', direction: 'outbound' },
    ],
  },
  // Unanswered DM, deadline 11:00 passed an hour ago: breached. Alice's.
  c5: {
    platform: 'facebook',
    kind: 'dm',
    state: 'open',
    needsResponse: true,
    assignee: 'slack:U0ALICE01',
    deadline: '2025-06-12T11:00:00Z',
    messages: [{ at: '2025-06-12T09:00:00Z', kind: 'dm', handledBy: null }],
  },
  // Unanswered comment, 1 h of its 2 h used: in time, not at risk. Nobody's.
  c6: {
    platform: 'facebook',
    kind: 'comment',
    state: 'open',
    needsResponse: true,
    deadline: '2025-06-12T13:00:00Z',
    messages: [{ at: '2025-06-12T11:00:00Z', kind: 'comment', handledBy: null }],
  },
  // Unanswered comment, 90 of its 105 min used (85.7 %): at risk. Bob's. A person unhid it.
  c7: {
    platform: 'instagram',
    kind: 'comment',
    state: 'open',
    needsResponse: true,
    assignee: 'slack:U0BOB0001',
    deadline: '2025-06-12T12:15:00Z',
    messages: [{ at: '2025-06-12T10:30:00Z', kind: 'comment', handledBy: 'person' }],
  },
  // Ignored by a rule (no response needed), a decision a person later reversed.
  c8: {
    platform: 'facebook',
    kind: 'comment',
    state: 'ignored',
    needsResponse: false,
    messages: [{ at: '2025-06-09T12:00:00Z', kind: 'comment', handledBy: 'rules' }],
  },
  // Eleven days old, never answered, still open: breached, and the oldest. Its follow-up on 11 June is in the period.
  c9: {
    platform: 'facebook',
    kind: 'comment',
    state: 'open',
    needsResponse: true,
    deadline: '2025-06-01T12:00:00Z',
    messages: [
      { at: '2025-06-01T10:00:00Z', kind: 'comment', handledBy: null },
      { at: '2025-06-11T12:00:00Z', kind: 'reply', handledBy: 'rules' },
    ],
  },
  // Escalated, never acknowledged; a person answered in 1 h (target 2 h); resolved.
  c10: {
    platform: 'facebook',
    kind: 'comment',
    state: 'resolved',
    needsResponse: true,
    response: { at: '2025-06-08T11:00:00Z', by: 'human' },
    deadline: '2025-06-08T12:00:00Z',
    escalatedAt: '2025-06-08T10:10:00Z',
    messages: [
      { at: '2025-06-08T10:00:00Z', kind: 'comment', handledBy: 'person' },
      { at: '2025-06-08T11:00:00Z', kind: 'reply', direction: 'outbound' },
    ],
  },
} satisfies Record<string, ConversationSpec>;

export type ConversationKey = keyof typeof CONVERSATIONS;

/** [conversation, message index, kind, created, reversed]. */
const DECISIONS: [ConversationKey, number, string, string, string | null][] = [
  ['c1', 0, 'auto_reply', '2025-06-10T08:00:01Z', null],
  ['c2', 0, 'auto_reply', '2025-06-10T09:00:01Z', null],
  ['c3', 0, 'handoff', '2025-06-11T07:00:01Z', null],
  ['c3', 0, 'escalate', '2025-06-11T07:00:01Z', null],
  ['c7', 0, 'hide', '2025-06-12T10:30:01Z', '2025-06-12T10:40:00Z'],
  ['c8', 0, 'ignore', '2025-06-09T12:00:01Z', '2025-06-09T13:00:00Z'],
  ['c9', 0, 'auto_reply', '2025-06-01T10:00:01Z', '2025-06-01T11:00:00Z'],
  ['c9', 1, 'tag', '2025-06-11T12:00:01Z', null],
  ['c10', 0, 'draft', '2025-06-08T10:00:01Z', null],
];

/** [conversation, chat, has a draft, outcome]; each card is on the conversation's first message. */
const CARDS: [ConversationKey, 'slack' | 'discord', boolean, 'approved' | 'edited' | 'rejected' | null][] = [
  ['c3', 'slack', true, 'approved'],
  ['c3', 'discord', true, null],
  ['c4', 'slack', true, 'edited'],
  ['c10', 'slack', true, 'rejected'],
  ['c5', 'slack', true, null],
  ['c6', 'slack', false, null],
  ['c9', 'slack', true, 'approved'],
];

export interface SeededFixture {
  conversationIds: Record<ConversationKey, string>;
}

const insertConversation = async (db: Db, key: string, spec: ConversationSpec, accountIds: Record<string, string>) => {
  const first = spec.messages[0]!;
  const contact = await db
    .insertInto('contacts')
    .values({ platform: spec.platform, external_id: `contact-${key}`, name: `Person ${key}`, last_seen_at: first.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const conversation = await db
    .insertInto('conversations')
    .values({
      platform: spec.platform,
      account_id: accountIds[spec.platform]!,
      contact_id: contact.id,
      kind: spec.kind,
      external_key: `${spec.kind}:${key}`,
      state: spec.state,
      needs_response: spec.needsResponse,
      assignee: spec.assignee ?? null,
      first_inbound_at: first.at,
      last_inbound_at: spec.messages.at(-1)!.at,
      first_response_at: spec.response?.at ?? null,
      first_response_by: spec.response?.by ?? null,
      sla_deadline_at: spec.deadline ?? null,
      escalated_at: spec.escalatedAt ?? null,
      acknowledged_at: spec.acknowledgedAt ?? null,
      resolved_at: spec.state === 'resolved' ? (spec.response?.at ?? first.at) : null,
      qualified_at: spec.qualifiedAt ?? null,
      booked_at: spec.bookedAt ?? null,
      converted_at: spec.convertedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const messages = await db
    .insertInto('messages')
    .values(
      spec.messages.map((message, index) => ({
        platform: spec.platform,
        external_id: `${key}-m${index}`,
        direction: message.direction ?? 'inbound',
        kind: message.kind,
        account_id: accountIds[spec.platform]!,
        contact_id: contact.id,
        conversation_id: conversation.id,
        text: `message ${index} of ${key}`,
        from_self: message.direction === 'outbound',
        created_at: message.at,
        handled_by: message.handledBy ?? null,
      })),
    )
    .returning('id')
    .execute();
  return { conversationId: conversation.id, messageIds: messages.map((row) => row.id) };
};

export const seedFixture = async (db: Db): Promise<SeededFixture> => {
  const accountIds: Record<string, string> = {};
  for (const platform of ['facebook', 'instagram']) {
    const row = await db
      .insertInto('accounts')
      .values({ platform, external_id: `${platform}-brand`, name: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    accountIds[platform] = row.id;
  }
  const conversationIds = {} as Record<ConversationKey, string>;
  const messageIds = {} as Record<ConversationKey, string[]>;
  for (const [key, spec] of Object.entries(CONVERSATIONS) as [ConversationKey, ConversationSpec][]) {
    const seeded = await insertConversation(db, key, spec, accountIds);
    conversationIds[key] = seeded.conversationId;
    messageIds[key] = seeded.messageIds;
  }
  await db
    .insertInto('decisions')
    .values(
      DECISIONS.map(([key, index, kind, at, reversed]) => ({
        message_id: messageIds[key][index]!,
        kind,
        rule: `fixture-${kind}`,
        detail: '{}',
        created_at: new Date(at),
        reversed_at: reversed,
        reversed_by: reversed ? 'slack:U0ALICE01' : null,
      })),
    )
    .execute();
  await db
    .insertInto('cards')
    .values(
      CARDS.map(([key, chat, hasDraft, outcome]) => ({
        conversation_id: conversationIds[key],
        message_id: messageIds[key][0]!,
        // Two cards of one message (c3) are what each chat got before cards were mirrored.
        split_chat: key === 'c3' ? chat : null,
        draft: hasDraft ? 'Thanks for writing — we are on it.' : null,
        draft_source: hasDraft ? 'care' : null,
        draft_outcome: outcome,
        reasons: '[]',
        created_at: new Date(new Date(CONVERSATIONS[key].messages[0]!.at).getTime() + 2000),
      })),
    )
    .execute();
  return { conversationIds };
};
