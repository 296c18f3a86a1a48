import { App, ExpressReceiver, type BlockAction, type ButtonAction } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Express } from 'express';
import type { Command, CommandContext } from '../../../commands/command.js';
import type { CommandCenter } from '../../../src/cards/command-center.js';
import { describePress } from '../../../src/cards/describe.js';
import type { PressResult } from '../../../src/cards/press-button.js';
import { errorMessage } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { EDIT_BLOCK_ID, EDIT_CALLBACK_ID, parseEditSubmission, renderEditModal } from './edit-modal.js';
import { parseButtonValue } from './render-card.js';
import { registerSlackCommands } from './slack-commands.js';
import { slackDate } from './slack-date.js';
import { slackMention } from './slack-mention.js';

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  clientOptions: WebClientOptions;
  botId?: string;
  botUserId?: string;
  commandCenter: CommandCenter;
  /** Slash commands (/sla, /kpi) and what they run against. */
  commands: readonly Command[];
  kpiContext: CommandContext;
  logger: Logger;
}

/** Words for the person whose press did not go through. */
export const explainPress = (result: PressResult): string | undefined => {
  if (result.outcome === 'accepted') return undefined;
  if (result.outcome === 'refused') return `Nothing was done: ${result.reason}`;
  const what = describePress(result.what);
  return `Nothing was done: ${slackMention(result.by)} already ${what} (${slackDate(result.at, '{date_short_pretty} {time}', 'UTC')}).`;
};

/** Bolt on our own Express app at /slack/events: it verifies signatures and acks; the command center decides. */
export const mountSlackApp = (expressApp: Express, options: SlackAppOptions): App => {
  const logger = toBoltLogger(options.logger);
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    app: expressApp,
    endpoints: '/slack/events',
    logger,
  });
  const app = new App({
    receiver,
    token: options.botToken,
    logger,
    clientOptions: options.clientOptions,
    ...(options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : {}),
  });

  app.action<BlockAction<ButtonAction>>(/^sb:/u, async ({ ack, body, action, respond, client }) => {
    await ack();
    const press = parseButtonValue(action.action_id, action.value);
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    try {
      if (!press) return void (await tell('This button belongs to an older version of Switchboard; the card will refresh.'));
      if (press.button === 'edit') {
        const permission = await options.commandCenter.mayPress(`slack:${body.user.id}`, 'edit');
        if (!permission.ok) return void (await tell(`Nothing was done: ${permission.reason}`));
        const card = await options.commandCenter.card(press.cardId);
        if (!card) return void (await tell('This card no longer exists.'));
        await client.views.open({ trigger_id: body.trigger_id, view: renderEditModal(card) });
        return;
      }
      const result = await options.commandCenter.press({ ...press, actor: `slack:${body.user.id}` });
      const words = explainPress(result);
      if (words) await tell(words);
    } catch (error) {
      options.logger.error({ err: error, action: action.action_id }, 'a Slack button press failed');
      await tell(`Something went wrong and nothing was done: ${errorMessage(error)}. Try again in a moment.`).catch(() => undefined);
    }
  });

  app.view(EDIT_CALLBACK_ID, async ({ ack, view, body }) => {
    const submission = parseEditSubmission(view);
    if (!submission || submission.text === '') {
      await ack({ response_action: 'errors', errors: { [EDIT_BLOCK_ID]: 'Write the reply to send, or cancel.' } });
      return;
    }
    await ack();
    const result = await options.commandCenter.press({
      cardId: submission.cardId,
      version: submission.version,
      button: 'edit',
      text: submission.text,
      actor: `slack:${body.user.id}`,
    });
    const words = explainPress(result);
    if (words) {
      await app.client.chat
        .postEphemeral({ channel: body.user.id, user: body.user.id, text: words })
        .catch((error: unknown) => options.logger.warn({ err: error }, 'could not tell the editor why nothing was sent'));
    }
  });

  registerSlackCommands(app, options.commands, options.kpiContext, options.logger);

  app.error(async (error) => {
    options.logger.error({ err: error }, 'Slack handler error');
  });
  return app;
};
