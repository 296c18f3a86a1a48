import { ActionRowBuilder, ButtonBuilder } from '@discordjs/builders';
import { type APIActionRowComponent, type APIComponentInMessageActionRow, ButtonStyle } from 'discord.js';
import { CARD_BUTTON_LABELS, type CardButton } from '../../../src/domain/card.js';
import { buttonId } from './custom-id.js';
import { fitPlain, LIMITS } from './discord-text.js';

export type ComponentRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const STYLES: Partial<Record<CardButton, ButtonStyle>> = {
  approve: ButtonStyle.Success,
  acknowledge: ButtonStyle.Primary,
  promote: ButtonStyle.Success,
  block: ButtonStyle.Danger,
  hide: ButtonStyle.Danger,
};

const renderButton = (button: CardButton, cardId: string, version: number): ButtonBuilder =>
  new ButtonBuilder()
    .setCustomId(buttonId(button, cardId, version))
    .setLabel(fitPlain(CARD_BUTTON_LABELS[button], LIMITS.buttonLabel))
    .setStyle(STYLES[button] ?? ButtonStyle.Secondary);

/** The listed buttons in rows of five, at most five rows (a card lists far fewer than 25). */
export const renderButtonRows = (buttons: readonly CardButton[], cardId: string, version: number): ComponentRow[] => {
  const shown = [...new Set(buttons)].slice(0, LIMITS.rows * LIMITS.buttonsPerRow);
  const rows: ComponentRow[] = [];
  for (let start = 0; start < shown.length; start += LIMITS.buttonsPerRow) {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      shown.slice(start, start + LIMITS.buttonsPerRow).map((button) => renderButton(button, cardId, version)),
    );
    rows.push(row.toJSON() as ComponentRow);
  }
  return rows;
};
