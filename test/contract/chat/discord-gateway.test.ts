import { FAKE_BOT_ID, FAKE_BOT_TOKEN } from '../../fakes/fake-discord-rest.js';
import { FakeDiscordGateway } from '../../fakes/fake-discord-gateway.js';
import { eventually } from '../../support/app-harness.js';
import { runChatContract } from './chat-contract.js';
import { type InteractionResponse, makeDiscordDriverWith } from './discord-driver.js';
import { APPLICATION_ID } from './discord-setup.js';

/**
 * Discord over the gateway (DISCORD_GATEWAY=true): the same world and driver as over HTTP, but each
 * interaction is an INTERACTION_CREATE on the fake gateway that the app's discord.js Client holds
 * open, and its answer is what the app posted to the interaction callback on the fake REST API.
 */
let gateway: FakeDiscordGateway | undefined;

const makeDiscordGatewayDriver = makeDiscordDriverWith({
  options: async () => {
    const started = new FakeDiscordGateway({
      token: FAKE_BOT_TOKEN,
      applicationId: APPLICATION_ID,
      botUser: { id: FAKE_BOT_ID, username: 'Switchboard' },
    });
    gateway = started;
    return { gatewayUrl: await started.start(), env: { DISCORD_GATEWAY: 'true' }, close: () => started.close() };
  },
  deliver: (world) => async (interaction) => {
    if (!gateway) throw new Error('the fake gateway did not start');
    gateway.interactionCreate(interaction);
    return eventually(
      async () => world.discord.callbackFor(interaction.id) as InteractionResponse | undefined,
      `the app's answer to interaction ${interaction.id} on the callback endpoint`,
    );
  },
});

runChatContract('Discord over the gateway', makeDiscordGatewayDriver);
