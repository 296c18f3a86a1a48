import type { Command } from './command.js';
import kpi from './kpi.js';
import sla from './sla.js';

export type { Command, CommandContext } from './command.js';
export { UsageError } from './command.js';

/** Every slash command, in the order chat adapters list them. */
export const commands: readonly Command[] = [sla, kpi];
