import { SlashCommandBuilder } from '@discordjs/builders';
import { PermissionFlagsBits, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from '../../../commands/command.js';
import { fitText } from '../../../src/domain/fit-text.js';
import { ARGUMENTS_OPTION } from './handle-command.js';

const DESCRIPTION_CHARS = 100;

/**
 * Each of our commands as a Discord slash command, from the same definitions Slack uses. Every
 * command takes its text in one optional option, so a wrong argument gets the same words and usage as in Slack.
 */
export const applicationCommands = (commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] =>
  commands.map((command) =>
    new SlashCommandBuilder()
      .setName(command.name)
      .setDescription(fitText(command.description, DESCRIPTION_CHARS))
      .addStringOption((option) =>
        option
          .setName(ARGUMENTS_OPTION)
          .setDescription(fitText(command.usage ? `${command.usage}` : 'none: this command takes no arguments', DESCRIPTION_CHARS))
          .setRequired(false),
      )
      .toJSON(),
  );

/** What the bot needs in its channels: see them, post cards, start and write in their threads, embed, read back (to find a lost post). */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

export const inviteUrl = (applicationId: string): string =>
  `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
