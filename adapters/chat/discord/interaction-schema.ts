import { z } from 'zod';

const snowflake = z.string().regex(/^\d{1,25}$/u, { error: 'expected a Discord id (a snowflake)' });

const user = z.object({ id: snowflake, username: z.string().optional(), global_name: z.string().nullish() });

const member = z.object({
  user: user.optional(),
  roles: z.array(snowflake).max(500),
  /** Has not passed the server's membership screening yet. */
  pending: z.boolean().optional(),
  flags: z.number().int().nonnegative().optional(),
});

const base = z.object({
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  /** `type` and `parent_id` tell a thread (the log thread's Undo is pressed there) from its channel. */
  channel: z.object({ id: snowflake, type: z.number().int().optional(), parent_id: snowflake.nullish() }).optional(),
  member: member.optional(),
  user: user.optional(),
  /** Which installs of the app the interaction came through: "0" the server install, "1" a person's own. */
  authorizing_integration_owners: z.record(z.string(), z.string()).optional(),
  message: z.object({ id: snowflake, flags: z.number().int().optional() }).optional(),
});

const commandOption = z.object({
  name: z.string(),
  type: z.number().int(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

export const commandInteraction = base.extend({
  type: z.literal(2),
  data: z.object({ name: z.string().min(1).max(32), options: z.array(commandOption).max(25).optional() }),
});

export const componentInteraction = base.extend({
  type: z.literal(3),
  data: z.object({ custom_id: z.string().min(1).max(100), component_type: z.number().int() }),
});

const textInput = z.object({ type: z.literal(4), custom_id: z.string(), value: z.string().max(4000).nullish() });
// Text inputs arrive in action rows (type 1), or in labels (type 18) in newer clients.
const modalComponent = z.union([
  z.object({ type: z.literal(1), components: z.array(z.unknown()) }),
  z.object({ type: z.literal(18), component: z.unknown() }),
]);

export const modalInteraction = base.extend({
  type: z.literal(5),
  data: z.object({ custom_id: z.string().min(1).max(100), components: z.array(modalComponent).max(5) }),
});

export const interactionSchema = z.discriminatedUnion('type', [commandInteraction, componentInteraction, modalInteraction]);

export type Interaction = z.infer<typeof interactionSchema>;
export type CommandInteraction = z.infer<typeof commandInteraction>;
export type ComponentInteraction = z.infer<typeof componentInteraction>;
export type ModalInteraction = z.infer<typeof modalInteraction>;

/** The text inputs of a submitted modal, by custom id, whichever layout the client used. */
export const modalValues = (interaction: ModalInteraction): Map<string, string> => {
  const inputs = interaction.data.components.flatMap((component) =>
    'components' in component ? component.components : [component.component],
  );
  const values = new Map<string, string>();
  for (const input of inputs) {
    const parsed = textInput.safeParse(input);
    if (parsed.success) values.set(parsed.data.custom_id, parsed.data.value ?? '');
  }
  return values;
};
