import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postInteraction } from '../../fakes/fake-discord-signing.js';
import { componentInteraction } from '../../contract/chat/discord-interactions.js';
import { CARD_CHANNEL_ID, DISCORD_PEOPLE, type DiscordWorld, startDiscordWorld } from '../../contract/chat/discord-setup.js';

/** POST /discord/interactions as Discord sends it, and as it must not be accepted. */
describe('POST /discord/interactions', () => {
  let world: DiscordWorld;
  beforeAll(async () => {
    world = await startDiscordWorld({ onCall: 'dana' });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('answers a signed PING with a PONG', async () => {
    const answer = await postInteraction(world.app.url!, world.signer, { id: '1', application_id: '2', type: 1, token: 't', version: 1 });
    expect(answer).toEqual({ status: 200, json: { type: 1 } });
  });

  it('answers 401 to a forged, missing or stale signature, and keeps nothing of a forged press', async () => {
    const press = componentInteraction(
      { person: DISCORD_PEOPLE.alice, channelId: CARD_CHANNEL_ID, message: { id: '123', flags: 0 } },
      'sb:hide:1:1',
    );
    const forged = await postInteraction(world.app.url!, world.signer, press, {
      headers: { 'x-signature-ed25519': 'ab'.repeat(64) },
    });
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.json)).toMatch(/signature/u);
    const missing = await fetch(`${world.app.url}/discord/interactions`, { method: 'POST', body: '{"type":1}' });
    expect(missing.status).toBe(401);
    const stale = await postInteraction(world.app.url!, world.signer, { type: 1 }, { headers: world.signer.headers('{"type":1}', 1_000) });
    expect(stale.status).toBe(401);
    const audit = await world.services.database.db.selectFrom('audit_log').select('id').where('actor', 'like', 'discord:%').execute();
    expect(audit).toEqual([]);
  });

  it('answers 400 naming the problem for a body that is not JSON or not an interaction', async () => {
    const body = 'not json';
    const raw = await fetch(`${world.app.url}/discord/interactions`, { method: 'POST', headers: world.signer.headers(body), body });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: 'the body is not JSON' });
    const noType = await postInteraction(world.app.url!, world.signer, { hello: 'world' });
    expect(noType).toEqual({ status: 400, json: { error: 'the interaction has no numeric "type"' } });
    const { token: _token, ...tokenless } = componentInteraction(
      { person: DISCORD_PEOPLE.alice, channelId: CARD_CHANNEL_ID },
      'sb:hide:1:1',
    );
    const noToken = await postInteraction(world.app.url!, world.signer, tokenless);
    expect(noToken.status).toBe(400);
    expect(JSON.stringify(noToken.json)).toMatch(/token/u);
  });

  it('answers 413 to a body over 1 MiB, and the app goes on answering', async () => {
    const big = JSON.stringify({ type: 1, padding: 'x'.repeat(1024 * 1024) });
    const answer = await fetch(`${world.app.url}/discord/interactions`, { method: 'POST', headers: world.signer.headers(big), body: big });
    expect(answer.status).toBe(413);
    const ping = await postInteraction(world.app.url!, world.signer, { type: 1 });
    expect(ping.status).toBe(200);
  });
});
