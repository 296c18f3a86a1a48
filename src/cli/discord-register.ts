import { parseArgs } from 'node:util';
import { BOT_PERMISSIONS, inviteUrl } from '../../adapters/chat/discord/application-commands.js';
import { createDiscordRest } from '../../adapters/chat/discord/discord-rest.js';
import { registerCommands } from '../../adapters/chat/discord/register-commands.js';
import { commands } from '../../commands/index.js';
import type { Config } from '../config.js';
import { errorMessage } from '../errors.js';

export interface DiscordIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export const DISCORD_USAGE = `usage: switchboard discord register [--guild ID]

Registers /sla and /kpi as the Discord application's slash commands (replacing what was there):
in one server with --guild (they show at once), or globally without it (Discord may take up to an
hour). Prints what it registered and the invite URL that adds the bot with the permissions it needs.
`;

const parseRegisterArgs = (args: string[]): { guild: string | undefined } | { problem: string } => {
  try {
    const { values, positionals } = parseArgs({ args, options: { guild: { type: 'string' } }, allowPositionals: true });
    if (positionals[0] !== 'register' || positionals.length > 1) return { problem: 'expected: discord register' };
    if (values.guild !== undefined && !/^\d{1,25}$/u.test(values.guild))
      return { problem: `--guild ${values.guild}: expected a server id, digits only` };
    return { guild: values.guild };
  } catch (error) {
    return { problem: errorMessage(error) };
  }
};

/** `switchboard discord register [--guild ID]`: the exit code; what was registered and the invite URL on stdout. */
export const runDiscordCommand = async (args: string[], config: Readonly<Config>, io: DiscordIo): Promise<number> => {
  const parsed = parseRegisterArgs(args);
  if ('problem' in parsed) {
    io.stderr.write(`switchboard: ${parsed.problem}\n${DISCORD_USAGE}`);
    return 2;
  }
  const discord = config.discord;
  if (!discord) {
    io.stderr.write('switchboard: Discord is not configured: set DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY and DISCORD_BOT_TOKEN\n');
    return 2;
  }
  const rest = createDiscordRest({ apiUrl: discord.apiUrl, botToken: discord.botToken, forQueue: false });
  try {
    const registered = await registerCommands(rest, { applicationId: discord.applicationId, guildId: parsed.guild }, commands);
    const where = parsed.guild ? `in server ${parsed.guild}` : 'globally (Discord may take up to an hour to show them)';
    io.stdout.write(`registered ${registered.length} command(s) ${where}:\n`);
    for (const command of registered) io.stdout.write(`  /${command.name}  ${command.description}  (id ${command.id})\n`);
    io.stdout.write(`\ninvite the bot (permissions ${BOT_PERMISSIONS}):\n  ${inviteUrl(discord.applicationId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`switchboard: registering the commands failed: ${errorMessage(error)}\n`);
    return 1;
  }
};
