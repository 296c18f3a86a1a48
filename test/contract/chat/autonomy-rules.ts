import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultPlaybookPath } from '../../../src/playbook/index.js';
import type { ContractSetup } from './chat-driver.js';

/** The log thread's first message on every chat: the day's lines hang on it. */
export const LOG_THREAD_HEADER = /^🤖 Automatic actions/u;

/**
 * Rules at each autonomy level for the Stop and Undo scenarios, one per scenario (so one scenario's
 * stops and undos never count against another's rule), each stopping the playbook so the default
 * rules never see their comments: automatic hides (one undoable for a second only), replies held an
 * hour (Stop always comes first) and one held two seconds (Stop meets the deadline). None of them is
 * ever suggested for promotion or demoted (`graduation: false`): the Promote scenarios have rules of their own.
 */
export const AUTONOMY_RULES = (
  parse(`
- id: contract-giveaway
  when: { keywords: [zebra giveaway] }
  then: [{ hide: true }]
  autonomy: auto
  stop: true
- id: contract-raffle
  when: { keywords: [zebra raffle] }
  then: [{ hide: true }]
  autonomy: auto
  stop: true
- id: contract-flash
  when: { keywords: [flash giveaway] }
  then: [{ hide: true }]
  autonomy: auto
  undo_window: 1s
  stop: true
- id: contract-hours
  when: { keywords: [opening hours] }
  then: [{ draft: care }]
  autonomy: veto
  veto_after: 1h
  stop: true
- id: contract-summer
  when: { keywords: [summer hours] }
  then: [{ draft: care }]
  autonomy: veto
  veto_after: 1h
  stop: true
- id: contract-quick
  when: { keywords: [quick question] }
  then: [{ draft: care }]
  autonomy: veto
  veto_after: 2s
  stop: true
`) as Record<string, unknown>[]
).map((rule) => ({ ...rule, graduation: false }));

/** The playbook's `rules` section for a setup with rules of its own: those first, then the default playbook's. */
export const rulesSection = (setup: ContractSetup): Record<string, unknown> => {
  if (!setup.rules) return {};
  const defaults = (parse(readFileSync(defaultPlaybookPath(), 'utf8')) as { rules: unknown[] }).rules;
  return { rules: [...setup.rules, ...defaults] };
};
