import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_ID, FAKE_BOT_TOKEN, FakeDiscordRest } from '../../fakes/fake-discord-rest.js';
import { createInteractionSigner } from '../../fakes/fake-discord-signing.js';
import { runCli } from '../../support/run-cli.js';

const GUILD = '900000000000000001';
const CHANNEL = '910000000000000001';
/** View Channel, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links, Read Message History (docs/discord.md). */
const PERMISSIONS = '309237730304';

describe('switchboard discord register and doctor', { timeout: 120_000 }, () => {
  const discord = new FakeDiscordRest({ guildId: GUILD, channels: [CHANNEL] });
  let env: Record<string, string>;
  beforeAll(async () => {
    await discord.start();
    env = {
      DISCORD_APPLICATION_ID: FAKE_BOT_ID,
      DISCORD_PUBLIC_KEY: createInteractionSigner().publicKeyHex,
      DISCORD_BOT_TOKEN: FAKE_BOT_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_CHANNEL_ID: CHANNEL,
    };
  });
  afterAll(() => discord.close());

  it('registers /sla and /kpi in one guild from the commands/ definitions, and prints them and the invite URL', async () => {
    const result = await runCli(['discord', 'register', '--guild', GUILD], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/registered 2 command\(s\) in server 900000000000000001/u);
    expect(result.stdout).toMatch(/^\s+\/sla\s/mu);
    expect(result.stdout).toMatch(/^\s+\/kpi\s/mu);
    expect(result.stdout).toContain(
      `https://discord.com/oauth2/authorize?client_id=${FAKE_BOT_ID}&scope=bot+applications.commands&permissions=${PERMISSIONS}`,
    );
    const registered = discord.commands.get(GUILD) ?? [];
    expect(registered.map((command) => command.name)).toEqual(['sla', 'kpi']);
    expect(registered.every((command) => String(command.description).length <= 100)).toBe(true);
  });

  it('registers globally without --guild, and refuses a malformed guild id with the usage', async () => {
    const global = await runCli(['discord', 'register'], env);
    expect(global.code).toBe(0);
    expect(discord.commands.get('global')?.map((command) => command.name)).toEqual(['sla', 'kpi']);
    const bad = await runCli(['discord', 'register', '--guild', 'my-server'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--guild my-server: expected a server id/u);
    expect(bad.stderr).toMatch(/usage: switchboard discord register/u);
  });

  it('doctor checks the token and that the bot sees its channels, and names what is wrong', async () => {
    const good = await runCli(['doctor'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(good.stdout).toMatch(/^ok\s+discord\s+authenticated as Switchboard .*sees channel 910000000000000001/mu);
    const gateway = await runCli(['doctor'], { ...env, DISCORD_GATEWAY: 'true', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(gateway.stdout).toMatch(/^ok\s+discord\s+.*gateway at ws:\/\/127\.0\.0\.1:1, 1000 of 1000 session starts left today/mu);
    const badToken = await runCli(['doctor'], { ...env, DISCORD_BOT_TOKEN: 'wrong', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(badToken.code).toBe(1);
    expect(badToken.stdout).toMatch(/^FAIL\s+discord\s+GET \/users\/@me failed: .*check DISCORD_BOT_TOKEN/mu);
    const unseen = await runCli(['doctor'], {
      ...env,
      DISCORD_ESCALATION_CHANNEL_ID: '910000000000000777',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(unseen.stdout).toMatch(/^FAIL\s+discord\s+the bot cannot see DISCORD_ESCALATION_CHANNEL_ID 910000000000000777/mu);
  });
});
