import type { LogLine } from '../domain/chat.js';
import { snipText } from '../domain/fit-text.js';
import { platformName } from '../domain/platform.js';
import type { Undo } from '../store/autonomy-undos.js';
import type { Action } from '../store/schema.js';

const DONE_WORDS: Record<string, string> = {
  reply: 'replied to',
  send_dm: 'sent a message to',
  hide: 'hid',
};

/** 'slack:U123' → 'U123': the log line is plain text, so no mention pings anyone. */
export const personOf = (actor: string | null): string => actor?.split(':').slice(1).join(':') || 'someone';

const hhmm = (at: Date): string => at.toISOString().slice(11, 16);

/** "🤖 rule thanks replied to “…” on Facebook: “Thank you!”", then how to take it back, or who did. */
export const logLineOf = ({ undo, action, messageText }: { undo: Undo; action: Action; messageText: string | null }): LogLine => {
  const payloadText = (action.payload as { text?: string | null }).text;
  const what = `rule ${undo.rule} ${DONE_WORDS[action.kind] ?? action.kind} “${snipText(messageText ?? 'a message', 80)}” on ${platformName(action.platform)}`;
  const said = payloadText ? `: “${snipText(payloadText, 120)}”` : '';
  if (undo.undone_at) return { text: `↩️ Undone by ${personOf(undo.undone_by)}: ${what}${said}` };
  return { text: `🤖 ${what}${said} · Undo until ${hhmm(undo.undo_until)} UTC`, undoId: undo.id };
};
