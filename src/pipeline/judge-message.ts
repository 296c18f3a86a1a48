import type { Message } from '../domain/message.js';
import { emptyContext } from '../engine/index.js';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { Facts } from '../engine/facts.js';
import type { Judgement } from './judge-apply.js';
import type { JudgeOutcome } from './judge-batch.js';

/** What the shell knows before deciding (a model's sentiment); the judge's condition may use it. */
type Known = { language?: string; sentiment?: number };

/** The model judge as the pipeline sees it: whether a message is one to ask about, and the asking. */
export interface MessageJudge {
  /** What made the rules unsure of this message (the playbook's `judge.unsure_when`); null when they are sure. */
  unsure(message: Message, known: Known): string[] | null;
  ask(text: string): Promise<JudgeOutcome>;
}

/** `judge.unsure_when` on the message alone: it names no history, so an empty context is the truth. */
export const unsureMarkers = (playbook: CompiledPlaybook, message: Message, known: Known): string[] | null => {
  if (playbook.judge === undefined || message.fromSelf || message.text.trim() === '') return null;
  const context = { ...emptyContext(message.createdAt, () => 0), ...known };
  return playbook.judge.unsure(new Facts(message, context, playbook));
};

/** Asks the model about an unsure message, before any lock is taken; undefined when there is nothing to ask. */
export const judgeBeforehand = async (judge: MessageJudge | undefined, message: Message, known: Known): Promise<Judgement | undefined> => {
  const unsure = judge?.unsure(message, known);
  if (!judge || !unsure) return undefined;
  return { unsure, outcome: await judge.ask(message.text) };
};
