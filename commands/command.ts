import type { Report } from '../src/domain/report.js';
import type { KpiContext } from '../src/kpi/kpi-context.js';

/** What a command may use; the composition root builds it once, chat adapters pass it through. */
export type CommandContext = KpiContext;

/** A bad argument: the message is for the person who typed it, with the usage shown alongside. */
export class UsageError extends Error {
  readonly code = 'command_usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A platform-neutral slash command: data plus `execute`. Each chat adapter registers the same
 * definition and renders the Report it returns. (Methods, not arrow properties, so a list of
 * commands with different options still type-checks as `Command[]`.)
 */
export interface Command<Options = unknown> {
  name: string;
  description: string;
  /** The argument hint, e.g. "[today|7d|30d|YYYY-MM-DD..YYYY-MM-DD]". */
  usage: string;
  /** Validates the text after the command; throws UsageError with words for the person. */
  parse(text: string): Options;
  execute(ctx: CommandContext, options: Options): Promise<Report>;
}
