import { z } from 'zod';
import { checkBlocks, checkModal } from './fake-slack-blocks.js';

/** A message as Slack returns it from chat.postMessage and conversations.history. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
}

export interface SlackUser {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  is_bot?: boolean;
  /** Single- and multi-channel guests. */
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  /** Slack Connect: a person from another organisation who shares no channel the app can vouch for. */
  is_stranger?: boolean;
  /** The person's own workspace; the fake's own team when unset. */
  team_id?: string;
}

export interface WorkspaceIdentity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export type SlackAnswer = Record<string, unknown>;

/** A method refused the call: Slack answers HTTP 200 `{ok:false, error}`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
  ) {
    super(error);
  }
}

const flag = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'true' || v === '1');
const count = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().int().min(1).max(999));
const content = {
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
};
const metadata = z.object({ event_type: z.string().min(1), event_payload: z.record(z.string(), z.unknown()) });

const args = <S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.infer<S> => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new SlackApiError(
    'invalid_arguments',
    parsed.error.issues.map((issue) => `[ERROR] ${issue.message} [json-pointer:/${issue.path.join('/')}]`),
  );
};

type Content = { text?: string | undefined; blocks?: unknown[] | undefined; attachments?: unknown[] | undefined };

const checkContent = (input: Content): void => {
  if (!input.text && !input.blocks?.length && !input.attachments?.length) throw new SlackApiError('no_text');
  if ((input.text?.length ?? 0) > 40_000) throw new SlackApiError('msg_too_long');
  if (input.blocks) {
    const problems = checkBlocks(input.blocks, 50);
    if (problems.length > 0) throw new SlackApiError('invalid_blocks', problems);
  }
};

/** The state of one fake workspace and the Web API methods over it. */
export class FakeWorkspace {
  readonly messages = new Map<string, SlackMessage[]>();
  readonly ephemerals: SlackEphemeral[] = [];
  readonly views = new Map<string, Record<string, unknown>>();
  readonly users = new Map<string, SlackUser>();
  /** User groups (S…) and their members, as usergroups.list?include_users=true reports them. */
  readonly userGroups = new Map<string, { handle: string; users: string[] }>();
  private readonly knownChannels: Set<string> | undefined;
  private readonly dms = new Map<string, string>();
  private readonly usedTriggers = new Set<string>();
  private lastMicros = 0;
  /** When true, users.info answers for any user id as a full member of this workspace, named after the id. */
  unlistedUsersAreMembers = false;

  constructor(
    readonly identity: WorkspaceIdentity,
    private readonly now: () => number,
    channels: string[] | undefined,
  ) {
    this.knownChannels = channels ? new Set(channels) : undefined;
  }

  addChannel(id: string): void {
    this.knownChannels?.add(id);
  }

  /** Unique, increasing and close to the clock, like Slack's: "1700000000.000100". */
  nextTs(): string {
    this.lastMicros = Math.max(this.now() * 1000, this.lastMicros + 100);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  channel(id: string): SlackMessage[] {
    // DMs and user ids (Slack posts to the app's DM with that user) exist whatever the channel list says.
    const direct = /^[DUW]/u.test(id);
    if (this.knownChannels && !this.knownChannels.has(id) && !direct) throw new SlackApiError('channel_not_found');
    const list = this.messages.get(id) ?? [];
    this.messages.set(id, list);
    return list;
  }

  findMessage(channel: string, ts: string): SlackMessage {
    const found = this.channel(channel).find((message) => message.ts === ts);
    if (!found) throw new SlackApiError('message_not_found');
    return found;
  }

  readonly methods: Record<string, (body: Record<string, unknown>) => SlackAnswer> = {
    'auth.test': () => ({
      url: `https://${this.identity.teamDomain}.slack.com/`,
      team: 'Fake Team',
      user: 'switchboard',
      team_id: this.identity.teamId,
      user_id: this.identity.botUserId,
      bot_id: this.identity.botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (body) => {
      const input = args(
        z.object({ channel: z.string().min(1), thread_ts: z.string().optional(), metadata: metadata.optional(), ...content }),
        body,
      );
      checkContent(input);
      const list = this.channel(input.channel);
      const { botUserId: user, botId: bot_id, appId: app_id, teamId: team } = this.identity;
      const message: SlackMessage = { type: 'message', ts: this.nextTs(), text: input.text ?? '', user, bot_id, app_id, team };
      if (input.blocks) message.blocks = input.blocks;
      if (input.attachments) message.attachments = input.attachments;
      if (input.metadata) message.metadata = input.metadata;
      if (input.thread_ts) {
        message.thread_ts = input.thread_ts;
        const parent = list.find((m) => m.ts === input.thread_ts);
        if (parent) Object.assign(parent, { thread_ts: parent.ts, reply_count: (parent.reply_count ?? 0) + 1 });
      }
      list.push(message);
      return { channel: input.channel, ts: message.ts, message };
    },
    'chat.update': (body) => {
      const input = args(z.object({ channel: z.string().min(1), ts: z.string().min(1), metadata: metadata.optional(), ...content }), body);
      const message = this.findMessage(input.channel, input.ts);
      if (message.bot_id !== this.identity.botId) throw new SlackApiError('cant_update_message');
      checkContent({ text: input.text ?? message.text, blocks: input.blocks, attachments: input.attachments });
      if (input.text !== undefined) message.text = input.text;
      if (input.blocks) message.blocks = input.blocks;
      if (input.attachments) message.attachments = input.attachments;
      if (input.metadata) message.metadata = input.metadata;
      message.edited = { user: this.identity.botUserId, ts: this.nextTs() };
      return { channel: input.channel, ts: message.ts, text: message.text, message };
    },
    'chat.postEphemeral': (body) => {
      const input = args(z.object({ channel: z.string().min(1), user: z.string().min(1), ...content }), body);
      checkContent(input);
      this.channel(input.channel);
      const ephemeral: SlackEphemeral = { channel: input.channel, user: input.user, message_ts: this.nextTs(), text: input.text ?? '' };
      if (input.blocks) ephemeral.blocks = input.blocks;
      this.ephemerals.push(ephemeral);
      return { message_ts: ephemeral.message_ts };
    },
    'chat.getPermalink': (body) => {
      const input = args(z.object({ channel: z.string().min(1), message_ts: z.string().min(1) }), body);
      const message = this.findMessage(input.channel, input.message_ts);
      const base = `https://${this.identity.teamDomain}.slack.com/archives/${input.channel}/p${message.ts.replace('.', '')}`;
      const inThread = message.thread_ts && message.thread_ts !== message.ts;
      return { channel: input.channel, permalink: inThread ? `${base}?thread_ts=${message.thread_ts}&cid=${input.channel}` : base };
    },
    'conversations.history': (body) => {
      const input = args(
        z.object({
          channel: z.string().min(1),
          oldest: z.string().optional(),
          latest: z.string().optional(),
          inclusive: flag.optional(),
          limit: count.optional(),
          cursor: z.string().optional(),
          include_all_metadata: flag.optional(),
        }),
        body,
      );
      const [oldest, latest] = [Number(input.oldest ?? 0), Number(input.latest ?? Number.POSITIVE_INFINITY)];
      const inRange = (ts: number) => (input.inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
      const all = this.channel(input.channel)
        .filter((m) => (m.thread_ts === undefined || m.thread_ts === m.ts) && inRange(Number(m.ts)))
        .reverse();
      const start = input.cursor ? Number(Buffer.from(input.cursor, 'base64').toString()) : 0;
      const end = start + (input.limit ?? 100);
      const page = all.slice(start, end).map((m) => (input.include_all_metadata ? m : { ...m, metadata: undefined }));
      const next = end < all.length ? Buffer.from(String(end)).toString('base64') : '';
      return { messages: page, has_more: next !== '', pin_count: 0, response_metadata: { next_cursor: next } };
    },
    'conversations.replies': (body) => {
      const input = args(z.object({ channel: z.string().min(1), ts: z.string().min(1), include_all_metadata: flag.optional() }), body);
      const parent = this.findMessage(input.channel, input.ts);
      const replies = this.channel(input.channel).filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
      const all = [parent, ...replies].map((m) => (input.include_all_metadata ? m : { ...m, metadata: undefined }));
      return { messages: all, has_more: false, response_metadata: { next_cursor: '' } };
    },
    'conversations.open': (body) => {
      const input = args(z.object({ users: z.string().min(1) }), body);
      const key = input.users
        .split(',')
        .map((u) => u.trim())
        .sort()
        .join(',');
      const existing = this.dms.get(key);
      const id = existing ?? `D${String(this.dms.size + 1).padStart(8, '0')}`;
      this.dms.set(key, id);
      return existing ? { no_op: true, already_open: true, channel: { id } } : { channel: { id } };
    },
    'usergroups.list': (body) => {
      const input = args(z.object({ include_users: z.union([z.boolean(), z.string()]).optional() }), body);
      const withUsers = input.include_users === true || input.include_users === 'true';
      return {
        usergroups: [...this.userGroups.entries()].map(([id, group]) => ({
          id,
          team_id: this.identity.teamId,
          handle: group.handle,
          name: group.handle,
          user_count: group.users.length,
          ...(withUsers ? { users: group.users } : {}),
        })),
      };
    },
    'users.info': (body) => {
      const input = args(z.object({ user: z.string().min(1) }), body);
      const user = this.users.get(input.user) ?? (this.unlistedUsersAreMembers ? { id: input.user, name: input.user } : undefined);
      if (!user) throw new SlackApiError('user_not_found');
      const realName = user.real_name ?? user.name;
      return {
        user: {
          ...user,
          team_id: user.team_id ?? this.identity.teamId,
          deleted: false,
          is_bot: user.is_bot ?? false,
          real_name: realName,
          tz: user.tz ?? 'Europe/Athens',
          profile: { real_name: realName, display_name: user.name },
        },
      };
    },
    'views.open': (body) => {
      const input = args(z.object({ trigger_id: z.string().min(1), view: z.record(z.string(), z.unknown()) }), body);
      if (this.usedTriggers.has(input.trigger_id)) throw new SlackApiError('exchanged_trigger_id');
      this.usedTriggers.add(input.trigger_id);
      return { view: this.storeView(`V${String(this.views.size + 1).padStart(10, '0')}`, input.view) };
    },
    'views.update': (body) => {
      const input = args(
        z.object({
          view_id: z.string().optional(),
          external_id: z.string().optional(),
          hash: z.string().optional(),
          view: z.record(z.string(), z.unknown()),
        }),
        body,
      );
      const current = [...this.views.values()].find(
        (v) => (input.view_id && v.id === input.view_id) || (input.external_id && v.external_id === input.external_id),
      );
      if (!current) throw new SlackApiError('not_found');
      if (input.hash !== undefined && input.hash !== current.hash) throw new SlackApiError('hash_conflict');
      return { view: this.storeView(String(current.id), input.view) };
    },
  };

  private storeView(id: string, view: Record<string, unknown>): Record<string, unknown> {
    const problems = checkModal(view);
    if (problems.length > 0) throw new SlackApiError('invalid_arguments', problems);
    const stored = {
      ...view,
      id,
      team_id: this.identity.teamId,
      app_id: this.identity.appId,
      bot_id: this.identity.botId,
      state: { values: {} },
      hash: `${this.nextTs()}.fakehash`,
      root_view_id: id,
      previous_view_id: null,
    };
    this.views.set(id, stored);
    return stored;
  }
}
