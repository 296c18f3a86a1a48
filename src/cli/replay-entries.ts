import type { CompiledPlaybook } from '../engine/compiled.js';
import { textFacts } from '../engine/text-facts.js';
import { type InputLine, parseLine } from './replay-input.js';
import type { ReplayEntry, ReplayMessage } from './replay-wire.js';

/**
 * A line as replay works on it: parsed, its language detected with the main playbook, and with
 * `ahead` (the main playbook, then the one compared with, as the reading thread passes them) its
 * text facts worked out for each playbook in that language.
 */
export const toEntry = (line: InputLine, main: CompiledPlaybook, ahead: readonly CompiledPlaybook[] = []): ReplayEntry => {
  const parsed = parseLine(line.text);
  if (!parsed.ok) return { line: line.number, error: parsed.error };
  const { message } = parsed;
  const language = main.detectLanguage(message.text);
  const entry: ReplayMessage = { message, language };
  if (parsed.outcome !== undefined) entry.outcome = parsed.outcome;
  if (ahead.length > 0) entry.facts = ahead.map((playbook) => textFacts(message, playbook, language));
  return entry;
};
