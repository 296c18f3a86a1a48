import type { KnownBlock } from '@slack/web-api';
import { CARD_BUTTON_LABELS } from '../../../src/domain/card.js';
import type { ChatAlert, ChatNote } from '../../../src/domain/chat.js';
import { actionIdFor, encodeButtonValue } from './button-value.js';
import { escapeMrkdwn, fitPlain, LIMITS, link, section } from './slack-text.js';

/** Mention first (so the notification pings and shows who is wanted), then the escaped words. */
export const renderNoteText = (note: ChatNote): string =>
  [note.mention, escapeMrkdwn(note.text), note.link ? link(note.link.url, note.link.label) : undefined]
    .filter((part): part is string => Boolean(part))
    .join(' ');

/** An escalation message: the mention stays in the top-level text so phones ring; buttons act on the card. */
export const renderAlert = (alert: ChatAlert): { text: string; blocks: KnownBlock[] } => {
  const text = renderNoteText({ ...(alert.mention ? { mention: alert.mention } : {}), text: alert.title });
  const lines = alert.lines.map(escapeMrkdwn);
  if (alert.link) lines.push(link(alert.link.url, alert.link.label));
  const blocks: KnownBlock[] = [section([`*${text}*`, ...lines])];
  if (alert.buttons.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `sb_alert_v${alert.version}`,
      elements: alert.buttons.map((button) => ({
        type: 'button' as const,
        action_id: actionIdFor(button),
        text: { type: 'plain_text' as const, text: fitPlain(CARD_BUTTON_LABELS[button], LIMITS.buttonText), emoji: true },
        value: encodeButtonValue(alert.cardId, alert.version),
        ...(button === 'acknowledge' || button === 'promote' ? { style: 'primary' as const } : {}),
      })),
    });
  }
  return { text, blocks };
};
