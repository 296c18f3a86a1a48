import { describe, expect, it } from 'vitest';
import { configWarnings, loadConfig } from '../../../src/config.js';

const message = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('loadConfig', () => {
  it('gives the contract defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/switchboard',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(config.slack).toBeUndefined();
    expect(config.meta).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns Slack on when both its variables are set, with the API base ending in a slash', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      SLACK_CHANNEL: 'C1',
    });
    expect(config.slack).toMatchObject({ apiUrl: 'http://127.0.0.1:9/api/', channel: 'C1', escalationChannel: 'C1' });
  });

  it('names a malformed variable and what is expected, on one line', () => {
    const text = message({ PORT: 'eighty' });
    expect(text).toMatch(/^PORT: expected a TCP port, a whole number/u);
    expect(text).not.toContain('\n');
    expect(message({ DATABASE_URL: 'not a url' })).toMatch(/^DATABASE_URL: expected a Postgres URL/u);
    expect(message({ SLACK_ESCALATION_MENTION: '@founder' })).toMatch(
      /^SLACK_ESCALATION_MENTION: expected a Slack mention such as <@U0123ABCD>/u,
    );
  });

  it('never echoes a secret: a URL loses its credentials, a token is not shown at all', () => {
    const text = message({ DATABASE_URL: 'postgres://app:hunter2@db.internal:99999/switchboard' });
    expect(text).toMatch(/^DATABASE_URL: expected a Postgres URL/u);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('//***@db.internal');
  });

  it('warns about settings this version reads but does not act on yet', () => {
    expect(configWarnings(loadConfig({}))).toEqual([]);
    const warnings = configWarnings(loadConfig({ WHATSAPP_PHONE_NUMBER_ID: '1', WHATSAPP_ACCESS_TOKEN: 't', GENERIC_WEBHOOK_SECRET: 's' }));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/WHATSAPP_\*.*GENERIC_WEBHOOK_SECRET/su);
    // WhatsApp is built: it warns only when its messages cannot arrive (no Meta webhook).
    const meta = { META_APP_SECRET: 'a', META_VERIFY_TOKEN: 'v' };
    expect(configWarnings(loadConfig({ ...meta, WHATSAPP_PHONE_NUMBER_ID: '1', WHATSAPP_ACCESS_TOKEN: 't' }))).toEqual([]);
  });

  it('refuses a half-configured integration, naming the missing variable', () => {
    expect(message({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/^SLACK_SIGNING_SECRET: not set, but SLACK_BOT_TOKEN is/u);
    expect(message({ META_APP_SECRET: 'x' })).toMatch(/^META_VERIFY_TOKEN: not set/u);
  });

  it('turns Slack on over Socket Mode with the bot and app-level tokens alone; the signing secret is then optional', () => {
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' });
    expect(socket.slack).toMatchObject({ appToken: 'xapp-1-A1-1-abc', signingSecret: undefined });
    const both = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', SLACK_SIGNING_SECRET: 's' });
    expect(both.slack).toMatchObject({ appToken: 'xapp-1-A1-1-abc', signingSecret: 's' });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack?.appToken).toBeUndefined();
  });

  it('stops with one line when Slack has no way in, no bot token, or an app token that is not one', () => {
    const neither = message({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(neither).toMatch(/SLACK_SIGNING_SECRET.*or SLACK_APP_TOKEN \(Socket Mode/u);
    expect(neither).not.toContain('\n');
    expect(message({ SLACK_APP_TOKEN: 'xapp-1' })).toMatch(/^SLACK_BOT_TOKEN: not set, but SLACK_APP_TOKEN is/u);
    const wrong = message({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-secret-bot-token' });
    expect(wrong).toMatch(/^SLACK_APP_TOKEN: expected an app-level token starting with xapp-/u);
    expect(wrong).not.toContain('xoxb-secret-bot-token');
  });

  it('accepts user-group and user mentions', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'x',
      SLACK_SIGNING_SECRET: 'y',
      SLACK_ESCALATION_MENTION: '<!subteam^S0FOUNDERS> <@U0ALICE01>',
    });
    expect(config.slack?.escalationMention).toBe('<!subteam^S0FOUNDERS> <@U0ALICE01>');
  });
});
