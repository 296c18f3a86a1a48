import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createLogger, maskTokens } from '../../../src/logger.js';

const BOT_TOKEN = 'xoxb-1111111111-2222222222-SeCrEtTokenValue';

const capture = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
};

describe('the logger keeps secrets out of the log', () => {
  it('logs Slack WebAPI errors without the token they carry', async () => {
    // A Slack that answers 500 and echoes the request's Authorization header back in headers and body.
    const server = createServer((req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'x-echo-authorization': String(req.headers.authorization) });
      res.end(
        JSON.stringify({
          ok: false,
          error: 'fatal_error',
          echo: { request: { authorization: req.headers.authorization, token: BOT_TOKEN } },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: `http://127.0.0.1:${port}/api/`, retryConfig: { retries: 0 } });
    const error = await client.chat.postMessage({ channel: 'C1', text: 'hi' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    server.close();
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify(error)).toContain('SeCrEtTokenValue');
    // What an axios-based client (older Slack SDKs, Graph helpers) keeps on its errors.
    const withConfig = Object.assign(new Error('Request failed with status code 401'), {
      config: { headers: { Authorization: `Bearer ${BOT_TOKEN}` }, data: `token=${BOT_TOKEN}` },
      response: { status: 401, config: { headers: { Authorization: `Bearer ${BOT_TOKEN}` } }, data: { ok: false } },
    });

    const { logger, text } = capture();
    logger.error({ err: error }, 'posting the card failed');
    logger.error({ err: withConfig, slackError: { data: { token: BOT_TOKEN } } }, 'auth.test failed');
    expect(text()).toContain('posting the card failed');
    expect(text()).toContain('An HTTP protocol error occurred');
    expect(text()).toContain('status code 401');
    expect(text()).not.toContain('SeCrEtTokenValue');
  });

  it('redacts credentials by name and authorization headers', () => {
    const { logger, text } = capture();
    logger.info(
      {
        slack: { botToken: BOT_TOKEN, signingSecret: 'sign-secret-123' },
        meta: { appSecret: 'app-secret-456', pageAccessToken: 'EAAGpagetoken789' },
        req: { headers: { authorization: 'Bearer abc.def.ghi' } },
        headers: { authorization: 'Bearer jkl.mno' },
        token: 'plain-token-000',
      },
      'configured',
    );
    for (const secret of [
      'SeCrEtTokenValue',
      'sign-secret-123',
      'app-secret-456',
      'EAAGpagetoken789',
      'abc.def.ghi',
      'jkl.mno',
      'plain-token-000',
    ]) {
      expect(text()).not.toContain(secret);
    }
    expect(text()).toContain('[Redacted]');
  });

  it('masks tokens quoted in an error message', () => {
    const { logger, text } = capture();
    logger.warn(
      { err: new Error(`GET https://graph.example/me?access_token=EAAGsecretsecretsecretsecret&fields=id failed (${BOT_TOKEN})`) },
      'x',
    );
    expect(text()).not.toContain('EAAGsecret');
    expect(text()).not.toContain('SeCrEtTokenValue');
    expect(maskTokens('Authorization: Bearer abc123')).toBe('Authorization: Bearer [Redacted]');
  });
});
