import { runChatContract } from './chat-contract.js';
import { makeSlackDriver } from './slack-driver.js';

runChatContract('Slack over HTTP', makeSlackDriver);
