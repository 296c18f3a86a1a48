import type { REST } from '@discordjs/rest';
import { type APIInteractionResponse, InteractionResponseType } from 'discord.js';
import { z } from 'zod';
import type { Command, CommandContext } from '../../../commands/command.js';
import { DEFAULT_ACK_BUDGET_MS } from '../../../src/command-center/ack-budget.js';
import type { CommandCenter } from '../../../src/command-center/command-center.js';
import type { Logger } from '../../../src/logger.js';
import type { DiscordRoles } from './discord-people.js';
import { handleCommand } from './handle-command.js';
import { handleComponent } from './handle-component.js';
import { handleModal } from './handle-modal.js';
import { interactionSchema, type Interaction } from './interaction-schema.js';

export type DiscordInteractionResponse = APIInteractionResponse;

export interface DiscordInteractionHandler {
  /** Takes a parsed interaction JSON (as Discord sends it over HTTP or in a gateway INTERACTION_CREATE `d`),
   *  returns the initial interaction response (what HTTP answers with, or what the gateway transport POSTs to
   *  /interactions/{id}/{token}/callback), and may keep working afterwards (follow-ups through REST). */
  handle: (interaction: unknown) => Promise<DiscordInteractionResponse>;
}

export interface DiscordInteractionDeps {
  commandCenter: CommandCenter;
  commands: readonly Command[];
  kpiContext: CommandContext;
  logger: Logger;
  /** For follow-ups and edits through the interaction webhooks (no bot token needed). */
  rest: REST;
  applicationId: string;
  /** DISCORD_GUILD_ID: presses and commands from any other guild are refused. */
  homeGuild: string | undefined;
  /** Where each press's member roles are remembered for the playbook's team roles. */
  roles: Pick<DiscordRoles, 'remember'>;
  budgetMs?: number;
}

/** An interaction we cannot read: the HTTP route answers 400 with these words; nothing is done. */
export class InvalidInteractionError extends Error {
  readonly code = 'discord_interaction_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInteractionError';
  }
}

const PING = 1;
const typeOnly = z.object({ type: z.number().int() });

const parse = (raw: unknown): Interaction | { type: typeof PING } => {
  const kind = typeOnly.safeParse(raw);
  if (!kind.success) throw new InvalidInteractionError('the interaction has no numeric "type"');
  if (kind.data.type === PING) return { type: PING };
  const parsed = interactionSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidInteractionError(`interaction ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
};

/** One handler for HTTP and the gateway: it reads the interaction, then the command center decides. */
export const createDiscordInteractionHandler = (deps: DiscordInteractionDeps): DiscordInteractionHandler => {
  const ctx = {
    center: deps.commandCenter,
    rest: deps.rest,
    applicationId: deps.applicationId,
    homeGuild: deps.homeGuild,
    logger: deps.logger,
    budgetMs: deps.budgetMs ?? DEFAULT_ACK_BUDGET_MS,
  };
  return {
    handle: async (raw) => {
      const interaction = parse(raw);
      if (interaction.type === PING) return { type: InteractionResponseType.Pong };
      const userId = interaction.member?.user?.id ?? interaction.user?.id;
      if (userId && interaction.member) deps.roles.remember(`discord:${userId}`, interaction.member.roles);
      if (interaction.type === 2) return handleCommand(ctx, interaction, deps.commands, deps.kpiContext);
      if (interaction.type === 3) return handleComponent(ctx, interaction);
      return handleModal(ctx, interaction);
    },
  };
};
