import type { KnownBlock } from '@slack/web-api';
import type { LogLine } from '../../../src/domain/chat.js';
import { CARD_BUTTON_LABELS } from '../../../src/domain/card.js';
import { actionIdFor, encodeButtonValue } from './button-value.js';
import { fitMrkdwn } from './slack-text.js';

/** One compact line of the automatic-actions log, with its Undo button while it can be taken back. */
export const renderLogLine = (line: LogLine): { text: string; blocks: KnownBlock[] } => {
  const text = fitMrkdwn(line.text, 2_900);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (line.undoId) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: actionIdFor('undo'),
          text: { type: 'plain_text', text: CARD_BUTTON_LABELS.undo },
          value: encodeButtonValue(line.undoId, 0),
        },
      ],
    });
  }
  return { text: line.text, blocks };
};
