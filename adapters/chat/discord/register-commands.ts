import type { REST } from '@discordjs/rest';
import { type APIApplicationCommand, Routes } from 'discord.js';
import type { Command } from '../../../commands/command.js';
import { applicationCommands } from './application-commands.js';
import { callDiscord } from './discord-errors.js';

/** Overwrites the application's commands, in one guild (instant) or globally (Discord takes up to an hour to show them). */
export const registerCommands = async (
  rest: REST,
  target: { applicationId: string; guildId?: string | undefined },
  commands: readonly Command[],
): Promise<APIApplicationCommand[]> => {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  return (await callDiscord(() => rest.put(route, { body: applicationCommands(commands) }))) as APIApplicationCommand[];
};
