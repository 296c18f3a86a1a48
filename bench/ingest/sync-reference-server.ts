import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { answer, readSignedJson, requiredEnv } from './reference-http.js';
import { reportStartFailure, serveParent } from './server-process.js';

/*
 * The minimal synchronous flow the sustained-processing figure is compared with (what a Node-RED
 * flow does): verify the Meta signature, insert the comment (pool of 10), match keywords, post a
 * card to the chat (`chat.postMessage`, awaited) for a match, and only then answer 200. Everything
 * is done by the time the answer leaves, so "processed" is "answered".
 * Env: DATABASE_URL (bench_events, see isolated-stores.ts), META_APP_SECRET, SLACK_API_URL,
 * SLACK_BOT_TOKEN, SLACK_CHANNEL.
 */

const KEYWORDS = /\b(?:refund|money back|chargeback|lawyer)\b/iu;

const env = (name: string): string => requiredEnv(name, 'synchronous reference server');

interface Comment {
  id: string;
  text: string;
  author: string;
}

const commentOf = (body: unknown): Comment | undefined => {
  const value = (body as { entry?: { changes?: { value?: Record<string, unknown> }[] }[] }).entry?.[0]?.changes?.[0]?.value;
  const from = value?.from as { name?: unknown } | undefined;
  if (typeof value?.comment_id !== 'string' || typeof value.message !== 'string') return undefined;
  return { id: value.comment_id, text: value.message, author: typeof from?.name === 'string' ? from.name : '?' };
};

/** One card, as a flow's Slack node would post it: the comment quoted, who wrote it. */
const postCard = async (comment: Comment): Promise<void> => {
  const response = await fetch(`${env('SLACK_API_URL')}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${env('SLACK_BOT_TOKEN')}` },
    body: JSON.stringify({
      channel: env('SLACK_CHANNEL'),
      text: `${comment.author}: ${comment.text}`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${comment.author}* wrote:\n> ${comment.text}` } }],
    }),
  });
  const result = (await response.json()) as { ok?: boolean; error?: string };
  if (!result.ok) throw new Error(`chat.postMessage: ${result.error ?? response.status}`);
};

const main = async () => {
  const secret = env('META_APP_SECRET');
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
  await pool.query('SELECT 1');

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readSignedJson(req, res, secret);
    if (body === undefined) return;
    const comment = commentOf(body);
    if (!comment) return answer(res, 400, { error: 'no comment' });
    const inserted = await pool.query(
      'INSERT INTO bench_events (dedupe_key, payload) VALUES ($1, $2) ON CONFLICT (dedupe_key) DO NOTHING',
      [comment.id, body],
    );
    if (inserted.rowCount === 1 && KEYWORDS.test(comment.text)) await postCard(comment);
    answer(res, 200, { received: 1 });
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhooks/meta') return answer(res, 404, { error: 'not found' });
    handle(req, res).catch(() => answer(res, 503, { error: 'could not process the comment' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  serveParent(`http://127.0.0.1:${port}/webhooks/meta`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  });
};

main().catch(reportStartFailure);
