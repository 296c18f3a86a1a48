import { slaReport } from '../src/kpi/sla-report.js';
import { slaStatus } from '../src/kpi/sla-status.js';
import { UsageError, type Command, type CommandContext } from './command.js';

export type SlaOptions = Record<string, never>;

export default {
  name: 'sla',
  description: 'Conversations waiting for a reply: at risk, breached, the oldest, per platform and per person',
  usage: '',
  parse(text: string): SlaOptions {
    if (text.trim() !== '') throw new UsageError(`/sla takes no arguments; it always shows the state right now.`);
    return {};
  },
  async execute(ctx: CommandContext, _options: SlaOptions) {
    return slaReport(await slaStatus(ctx), ctx.settings);
  },
} satisfies Command<SlaOptions>;
