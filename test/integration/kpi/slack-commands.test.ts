import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver } from '@slack/bolt';
import type { HeaderBlock, KnownBlock } from '@slack/web-api';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBoltLogger } from '../../../adapters/chat/slack/bolt-logger.js';
import { registerSlackCommands } from '../../../adapters/chat/slack/slack-commands.js';
import { LIMITS } from '../../../adapters/chat/slack/slack-text.js';
import { commands, type Command, type CommandContext } from '../../../commands/index.js';
import type { CommandCenter } from '../../../src/command-center/command-center.js';
import { silentLogger } from '../../../src/logger.js';
import { authorizeCommand } from '../../../src/roles/authorize-command.js';
import { createMayPress } from '../../../src/roles/may-press.js';
import { checkBlocks } from '../../fakes/fake-slack-blocks.js';
import { createFakeSlack, DEFAULT_TOKEN, type FakeSlack } from '../../fakes/fake-slack.js';
import { postSigned, slashCommandRequest } from '../../fixtures/slack.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';
import { NOW, seedFixture, ZONE } from './fixture.js';

const SIGNING_SECRET = 'slack-signing-secret-for-kpi-tests';
const USER = { id: 'U0LEAD001', username: 'lead', name: 'Support Lead' };

interface Answer {
  response_type?: string;
  replace_original?: boolean;
  text?: string;
  blocks?: KnownBlock[];
}

const failing: Command = {
  name: 'boom',
  description: 'Always fails',
  usage: '',
  parse: () => ({}),
  execute: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect');
  },
};

const failingLate: Command = {
  ...failing,
  name: 'lateboom',
  execute: async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    throw new Error('the query was cancelled\n    at Query.handleError');
  },
};

const slow: Command = {
  name: 'slow',
  description: 'Takes its time',
  usage: '',
  parse: () => ({}),
  execute: async () => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    return { title: 'Slow report', summary: 'Done at last', sections: [], footnotes: [] };
  },
};

let database: IsolatedDatabase;
let slack: FakeSlack;
const servers: Server[] = [];

/** Bolt on an Express app as in production (ExpressReceiver at /slack/events), its WebClient on the fake Slack. */
const startSlackApp = async (list: readonly Command[], budgetMs?: number): Promise<string> => {
  const logger = silentLogger();
  const expressApp = express();
  const receiver = new ExpressReceiver({
    signingSecret: SIGNING_SECRET,
    app: expressApp,
    endpoints: '/slack/events',
    logger: toBoltLogger(logger),
  });
  const app = new App({
    receiver,
    token: DEFAULT_TOKEN,
    logger: toBoltLogger(logger),
    clientOptions: { slackApiUrl: (await slack.start()).url, retryConfig: { retries: 0 } },
  });
  const ctx: CommandContext = {
    db: database.db,
    now: () => NOW,
    timeZone: ZONE,
    settings: { orderValue: 300, monthlyCost: 487, currency: 'USD', slaWarningShare: 0.8 },
  };
  const mayPress = createMayPress(undefined, async () => []);
  const mayRun: CommandCenter['mayRun'] = (who, command) => authorizeCommand(database.db, mayPress, who, command);
  registerSlackCommands(app, list, ctx, logger, { mayRun, ...(budgetMs === undefined ? {} : { budgetMs }) });
  const server = await new Promise<Server>((resolve) => {
    const listening = expressApp.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const slash = async (url: string, command: string, text: string, responseId: string) => {
  const request = slashCommandRequest({
    signingSecret: SIGNING_SECRET,
    command,
    text,
    user: USER,
    channel: 'C0LEADS',
    responseUrl: slack.responseUrl(responseId),
    triggerId: `trigger-${responseId}`,
  });
  const started = performance.now();
  const response = await postSigned(`${url}/slack/events`, request);
  return { status: response.status, answer: JSON.parse(response.text) as Answer, ms: performance.now() - started };
};

const header = (answer: Answer | undefined) => (answer?.blocks?.[0] as HeaderBlock | undefined)?.text.text;

let fast: string;
let patient: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixture(database.db);
  slack = createFakeSlack({ users: [{ id: USER.id, name: USER.username }] });
  fast = await startSlackApp([...commands, failing]);
  patient = await startSlackApp([...commands, failingLate, slow], 0);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await slack?.close();
  await database?.drop();
});

describe('/kpi and /sla through Slack', () => {
  it('answers /kpi 7d in the acknowledgement itself when it is ready in time', async () => {
    const { status, answer } = await slash(fast, '/kpi', '7d', 'kpi-fast');
    expect(status).toBe(200);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe('KPIs · Last 7 days: 12 messages · 1st reply 1m auto / 1h people · SLA 66.7% · 33.3% automated');
    expect(header(answer)).toBe('KPIs · Last 7 days');
    expect(JSON.stringify(answer.blocks)).toContain('Within SLA: *66.7% (4 of 6)*');
    expect(checkBlocks(answer.blocks, LIMITS.blocksPerMessage)).toEqual([]);
    expect(slack.responses('kpi-fast')).toEqual([]);
  });

  it('answers /sla with mentions for the people things wait on', async () => {
    const { answer } = await slash(fast, '/sla', '', 'sla-fast');
    expect(answer.text).toBe('SLA right now: 4 unanswered · 1 at risk · 2 breached · oldest 11d 2h');
    expect(JSON.stringify(answer.blocks)).toContain('<@U0BOB0001>: *1 unanswered · 1 at risk · 0 breached*');
    expect(checkBlocks(answer.blocks, LIMITS.blocksPerMessage)).toEqual([]);
  });

  it('acknowledges at once and delivers through response_url when the report takes longer', async () => {
    const { answer } = await slash(patient, '/kpi', '30d', 'kpi-late');
    expect(answer).toEqual({ response_type: 'ephemeral', text: 'Working on it… the answer will appear here in a moment.' });
    const [late] = await slack.waitFor(
      (fake) => (fake.responses('kpi-late').length > 0 ? fake.responses('kpi-late') : undefined),
      5000,
      'the /kpi report',
    );
    expect(late).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(header(late as Answer)).toBe('KPIs · Last 30 days');
    expect(checkBlocks((late as Answer).blocks, LIMITS.blocksPerMessage)).toEqual([]);
  });

  it('never keeps Slack waiting on a slow command', async () => {
    const { answer, ms } = await slash(patient, '/slow', '', 'slow');
    expect(answer.text).toMatch(/^Working on it/u);
    expect(ms).toBeLessThan(500);
    const [late] = await slack.waitFor(
      (fake) => (fake.responses('slow').length > 0 ? fake.responses('slow') : undefined),
      5000,
      'the slow report',
    );
    expect((late as Answer).text).toBe('Slow report: Done at last');
  });

  it('answers a bad argument with what was wrong and the usage', async () => {
    const { status, answer } = await slash(fast, '/kpi', 'yesterday', 'kpi-bad');
    expect(status).toBe(200);
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text:
        '"yesterday" is not a period I know. Use today, 7d, 30d or a range of dates like 2025-03-01..2025-03-31.\n' +
        'Usage: `/kpi [today|7d|30d|YYYY-MM-DD..YYYY-MM-DD]` — Volume, first response, SLA, automation, drafts and the lead funnel for a period',
    });
    const sla = await slash(fast, '/sla', 'now', 'sla-bad');
    expect(sla.answer.text).toMatch(/^\/sla takes no arguments; it always shows the state right now\.\nUsage: `\/sla` — /u);
  });

  it('turns a failure into words, not a stack trace, on either path', async () => {
    const { answer } = await slash(fast, '/boom', '', 'boom-fast');
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text: 'Sorry, /boom could not be answered (connect ECONNREFUSED 127.0.0.1:5432). Try again in a minute; if it keeps failing, run `switchboard doctor`.',
    });
    const ack = await slash(patient, '/lateboom', '', 'boom-late');
    expect(ack.answer.text).toMatch(/^Working on it/u);
    const [late] = await slack.waitFor(
      (fake) => (fake.responses('boom-late').length > 0 ? fake.responses('boom-late') : undefined),
      5000,
      'the failure',
    );
    expect(late).toEqual({
      response_type: 'ephemeral',
      replace_original: true,
      text: 'Sorry, /lateboom could not be answered (the query was cancelled). Try again in a minute; if it keeps failing, run `switchboard doctor`.',
    });
  });
});
