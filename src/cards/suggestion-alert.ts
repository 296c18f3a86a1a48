import { personOf } from '../autonomy/log-line.js';
import type { ChatAlert } from '../domain/chat.js';
import type { Suggestion } from '../store/autonomy-suggestions.js';

const WHAT_IT_MEANS: Record<string, string> = {
  veto: 'Promote: its replies are posted with a countdown and sent at the deadline unless someone presses Stop.',
  auto: 'Promote: its replies are sent at once, each logged with Undo for its undo window.',
};

const hhmm = (at: Date): string => `${at.toISOString().slice(11, 16)} UTC`;
const day = (at: Date): string => at.toISOString().slice(0, 10);

/** How a decided suggestion ended, in words everybody sees the same way. */
const outcomeLine = (suggestion: Suggestion): string | undefined => {
  const by = personOf(suggestion.decided_by);
  const at = suggestion.decided_at ?? suggestion.created_at;
  switch (suggestion.state) {
    case 'open':
      return undefined;
    case 'promoted':
      return `✅ Promoted to ${suggestion.to_level} by ${by} at ${hhmm(at)}.`;
    case 'declined':
      return `💤 Not now, said ${by} at ${hhmm(at)}${suggestion.quiet_until ? `: not suggested again before ${day(suggestion.quiet_until)}` : ''}.`;
    case 'withdrawn':
      return `The rule’s level changed (${by}) before anyone decided: this suggestion no longer applies.`;
  }
};

/**
 * A promotion suggestion in the card channel: the rule, the figures that earned it, what Promote would
 * change, and Promote / Not now while it is open; once decided, who decided what (no buttons).
 */
export const suggestionAlert = (suggestion: Suggestion): ChatAlert => {
  const outcome = outcomeLine(suggestion);
  return {
    cardId: suggestion.id,
    version: 0,
    title: `📈 Rule ${suggestion.rule} could move from ${suggestion.from_level} to ${suggestion.to_level}`,
    lines: [
      suggestion.figures,
      ...(outcome
        ? [outcome]
        : [WHAT_IT_MEANS[suggestion.to_level] ?? '', 'Not now: the rule stays as it is, and is not suggested again for a while.']),
    ].filter((line) => line !== ''),
    buttons: outcome ? [] : ['promote', 'not_now'],
    footer: `Switchboard autonomy · suggestion ${suggestion.id}`,
    calm: true,
  };
};

/** The channel is told a rule went back to draft, and why, with the figures. */
export const demotionAlert = (demotion: { rule: string; from: string; figures: string; countdownsEnded: number }): ChatAlert => ({
  cardId: '0',
  version: 0,
  title: `⬇️ Rule ${demotion.rule} is back at draft (was ${demotion.from})`,
  lines: [
    `Why: ${demotion.figures}.`,
    'A person approves its drafts again; it can earn its way back up.',
    ...(demotion.countdownsEnded > 0
      ? [`${demotion.countdownsEnded} countdown(s) running were ended: those replies were not sent, their cards are drafts again.`]
      : []),
  ],
  buttons: [],
  footer: `Switchboard autonomy · rule ${demotion.rule}`,
});
