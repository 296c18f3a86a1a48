import { runChatContract } from './chat-contract.js';
import { makeDiscordHttpDriver } from './discord-driver.js';

runChatContract('Discord over HTTP', makeDiscordHttpDriver);
