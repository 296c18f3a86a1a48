import { App, ExpressReceiver, type BlockAction, type ButtonAction, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Express } from 'express';
import type { Command, CommandContext } from '../../../commands/command.js';
import { answerPress } from '../../../src/command-center/answer-press.js';
import type { CommandCenter } from '../../../src/command-center/command-center.js';
import { submitEdit } from '../../../src/command-center/edit-flow.js';
import { explainPress, pressFailedWords } from '../../../src/command-center/explain-press.js';
import type { Logger } from '../../../src/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { parseButtonValue } from './button-value.js';
import { EDIT_BLOCK_ID, EDIT_CALLBACK_ID, parseEditSubmission, renderEditModal } from './edit-modal.js';
import { registerSlackCommands } from './slack-commands.js';
import { createSlackPresserOf, type SlackPresserOf } from './slack-people.js';
import { SLACK_WORDING } from './slack-wording.js';

export interface SlackAppOptions {
  botToken: string;
  clientOptions: WebClientOptions;
  botId?: string;
  botUserId?: string;
  /** The workspace (team id) the app serves, from `auth.test` at start-up; learnt on first use when unset. */
  workspaceId?: string;
  commandCenter: CommandCenter;
  /** Slash commands (/sla, /kpi) and what they run against. */
  commands: readonly Command[];
  kpiContext: CommandContext;
  logger: Logger;
}

/** Card buttons: the command center answers; this only reads the button, who pressed it and where, and shows the answer. */
const registerButtons = (app: App, options: SlackAppOptions, presserOf: SlackPresserOf): void => {
  app.action<BlockAction<ButtonAction>>(/^sb:/u, async ({ ack, body, action, respond, client }) => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    try {
      const value = parseButtonValue(action.action_id, action.value);
      const who = await presserOf({ userId: body.user.id, workspace: body.team?.id, userWorkspace: body.user.team_id });
      const place = { channel: body.channel?.id, messageId: body.message?.ts ?? (body.container as { message_ts?: string }).message_ts };
      const answer = await answerPress(options.commandCenter, { ...who, ...place }, value, SLACK_WORDING);
      if (answer.show === 'edit-form') {
        await client.views.open({ trigger_id: body.trigger_id, view: renderEditModal(answer.card, place) });
      }
      if (answer.show === 'words') await tell(answer.text);
    } catch (error) {
      options.logger.error({ err: error, action: action.action_id }, 'a Slack button press failed');
      await tell(pressFailedWords(error)).catch(() => undefined);
    }
  });
};

/** The edit modal's Send: problems go back into the modal; a refusal comes as a private message. */
const registerEditSubmission = (app: App, options: SlackAppOptions, presserOf: SlackPresserOf): void => {
  app.view(EDIT_CALLBACK_ID, async ({ ack, view, body }) => {
    const who = await presserOf({ userId: body.user.id, workspace: body.team?.id, userWorkspace: body.user.team_id });
    const outcome = await submitEdit(options.commandCenter, who, parseEditSubmission(view), () => ack());
    if ('problem' in outcome) {
      await ack({ response_action: 'errors', errors: { [EDIT_BLOCK_ID]: outcome.problem } });
      return;
    }
    const words = explainPress(outcome.result, SLACK_WORDING);
    if (words) {
      await app.client.chat
        .postEphemeral({ channel: body.user.id, user: body.user.id, text: words })
        .catch((error: unknown) => options.logger.warn({ err: error }, 'could not tell the editor why nothing was sent'));
    }
  });
};

/** One Bolt app, whichever way Slack's requests reach it (the receiver): the same buttons, edit form and commands. */
export const createSlackApp = (receiver: Receiver, options: SlackAppOptions): App => {
  const app = new App({
    receiver,
    token: options.botToken,
    logger: toBoltLogger(options.logger),
    clientOptions: options.clientOptions,
    ...(options.botId && options.botUserId ? { botId: options.botId, botUserId: options.botUserId } : {}),
  });
  const presserOf = createSlackPresserOf(app.client, { workspaceId: options.workspaceId });
  registerButtons(app, options, presserOf);
  registerEditSubmission(app, options, presserOf);
  registerSlackCommands(app, options.commands, options.kpiContext, options.logger, {
    mayRun: options.commandCenter.mayRun,
    presserOf,
  });
  app.error(async (error) => {
    options.logger.error({ err: error }, 'Slack handler error');
  });
  return app;
};

/** Bolt on our own Express app at /slack/events: it verifies signatures and acks; the command center decides. */
export const mountSlackApp = (expressApp: Express, options: SlackAppOptions & { signingSecret: string }): App => {
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    app: expressApp,
    endpoints: '/slack/events',
    logger: toBoltLogger(options.logger),
  });
  return createSlackApp(receiver, options);
};
