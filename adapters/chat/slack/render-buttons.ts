import type { ActionsBlock, Button } from '@slack/web-api';
import { CARD_BUTTON_LABELS, type CardButton, type CardModel } from '../../../src/domain/card.js';
import { actionIdFor, encodeButtonValue } from './button-value.js';
import { LIMITS, plain } from './slack-text.js';

const STYLES: Partial<Record<CardButton, Button['style']>> = { approve: 'primary', block: 'danger', hide: 'danger' };

const blockConfirm = (authorName: string, platformName: string): NonNullable<Button['confirm']> => ({
  title: plain('Block this author?', LIMITS.confirmTitle),
  text: plain(`Block ${authorName} on ${platformName}?`, LIMITS.confirmText),
  confirm: plain('Block', LIMITS.confirmButton),
  deny: plain('Cancel', LIMITS.confirmButton),
  style: 'danger',
});

const renderButton = (button: CardButton, card: CardModel, platformName: string): Button => {
  const style = STYLES[button];
  return {
    type: 'button',
    action_id: actionIdFor(button),
    text: plain(CARD_BUTTON_LABELS[button], LIMITS.buttonText),
    value: encodeButtonValue(card.cardId, card.version),
    ...(style ? { style } : {}),
    ...(button === 'block' ? { confirm: blockConfirm(card.author.name, platformName) } : {}),
  };
};

/** One button per entry the card lists (the card model decided what can work now; a resolved card keeps a lead's funnel buttons). */
export const renderActions = (card: CardModel, platformName: string): ActionsBlock | undefined => {
  const buttons = [...new Set(card.buttons)].slice(0, LIMITS.actionsElements);
  if (buttons.length === 0) return undefined;
  return {
    type: 'actions',
    // A new block_id per version: Slack asks for one per iteration of an updated message.
    block_id: `sb_actions_v${card.version}`,
    elements: buttons.map((button) => renderButton(button, card, platformName)),
  };
};
