import type { ModalView } from '@slack/web-api';
import { z } from 'zod';
import type { EditSubmission } from '../../../src/command-center/edit-flow.js';
import type { CardModel } from '../../../src/domain/card.js';
import type { PressPlace } from '../../../src/domain/press.js';
import { context, fitMrkdwn, fitPlain, fitQuote, LIMITS, plain } from './slack-text.js';

export const EDIT_CALLBACK_ID = 'sb:edit';
/** Block and action ids of the draft input: a handler answers `response_action: 'errors'` keyed by the block id. */
export const EDIT_BLOCK_ID = 'sb_draft';
export const EDIT_ACTION_ID = 'draft';

/** The card and version, and where its Edit was pressed: a submission is pressed there, so it is bound like a button. */
const metadataSchema = z.object({
  card: z.string().min(1).max(255),
  v: z.number().int().nonnegative(),
  ch: z.string().min(1).max(255).optional(),
  ts: z.string().min(1).max(255).optional(),
});

export const renderEditModal = (card: CardModel, place: PressPlace = { channel: undefined, messageId: undefined }): ModalView => {
  const metadata = JSON.stringify(metadataSchema.parse({ card: card.cardId, v: card.version, ch: place.channel, ts: place.messageId }));
  return {
    type: 'modal',
    callback_id: EDIT_CALLBACK_ID,
    private_metadata: metadata,
    title: plain('Edit reply', LIMITS.modalTitle),
    submit: plain('Send', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: [
      context([`*${fitMrkdwn(card.author.name, 80)}* wrote:\n${fitQuote(card.message.text, 1500)}`]),
      {
        type: 'input',
        block_id: EDIT_BLOCK_ID,
        label: plain(`Reply to ${card.author.name}`, LIMITS.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: EDIT_ACTION_ID,
          multiline: true,
          max_length: LIMITS.plainTextInput,
          ...(card.draft ? { initial_value: fitPlain(card.draft.text, LIMITS.plainTextInput) } : {}),
        },
      },
    ],
  };
};

const submittedViewSchema = z.object({
  callback_id: z.literal(EDIT_CALLBACK_ID),
  private_metadata: z.string().max(LIMITS.privateMetadata),
  state: z.object({
    values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string(), value: z.string().nullish() }))),
  }),
});

/** Reads the view of a `view_submission`; undefined when it is not our edit modal or was tampered with. */
export const parseEditSubmission = (view: unknown): EditSubmission | undefined => {
  const parsed = submittedViewSchema.safeParse(view);
  if (!parsed.success) return undefined;
  let metadata: unknown;
  try {
    metadata = JSON.parse(parsed.data.private_metadata);
  } catch {
    return undefined;
  }
  const ids = metadataSchema.safeParse(metadata);
  const input = parsed.data.state.values[EDIT_BLOCK_ID]?.[EDIT_ACTION_ID];
  if (!ids.success || !input) return undefined;
  const { card, v, ch, ts } = ids.data;
  return { cardId: card, version: v, text: (input.value ?? '').trim(), channel: ch, messageId: ts };
};
