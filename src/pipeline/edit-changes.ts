import type { Decision, DecisionKind } from '../domain/decision.js';

/** A comment as it stood before the author's edit. */
export interface BeforeEdit {
  text: string;
  /** Rule and kind of every decision already recorded for it. */
  decided: { rule: string; kind: string }[];
  /** The last hide or unhide that did not fail; `rule` is set when automation asked for it. */
  visibility: { kind: 'hide' | 'unhide'; rule: string | undefined; decisionId: string | null } | undefined;
}

export interface AfterEdit {
  text: string;
  /** The engine's decisions on the edited text. */
  decisions: Decision[];
}

export interface EditChanges {
  /** False for an edit that leaves the text as it was (a redelivery, or a no-op edit): nothing to do. */
  changed: boolean;
  /** Decisions that were not grounds before the edit: recorded and acted on. */
  newGrounds: Decision[];
  /** A rule's hide whose reason the edit removed: undone, naming that rule and its decision. */
  unhide: { rule: string; decisionId: string } | undefined;
}

// An edit is not a new question: answering it again would reply twice to one comment and let
// editing farm replies, so replies and funnel steps are left to the first decision.
const NOT_ON_EDIT: ReadonlySet<DecisionKind> = new Set(['auto_reply', 'funnel', 'ignore']);

const UNCHANGED: EditChanges = { changed: false, newGrounds: [], unhide: undefined };

/** Automation may hide only what is visible by its own doing: a person's hide or unhide stands. */
const mayHide = (visibility: BeforeEdit['visibility']): boolean =>
  visibility === undefined || (visibility.kind === 'unhide' && visibility.rule !== undefined);

const isNewGround = (before: BeforeEdit, decision: Decision): boolean => {
  if (NOT_ON_EDIT.has(decision.kind)) return false;
  if (decision.kind === 'hide') return mayHide(before.visibility);
  return !before.decided.some((earlier) => earlier.rule === decision.rule && earlier.kind === decision.kind);
};

/** Only what a rule hid is unhidden, and only when no rule would hide the edited text. */
const ruleHideToUndo = (before: BeforeEdit, after: AfterEdit): EditChanges['unhide'] => {
  const { visibility } = before;
  if (visibility?.kind !== 'hide' || visibility.rule === undefined || visibility.decisionId === null) return undefined;
  if (after.decisions.some((decision) => decision.kind === 'hide')) return undefined;
  return { rule: visibility.rule, decisionId: visibility.decisionId };
};

/** What an author's edit changes (pure): the new grounds to act on, and a rule's hide to undo. */
export const whatEditChanges = (before: BeforeEdit, after: AfterEdit): EditChanges => {
  if (before.text === after.text) return UNCHANGED;
  return {
    changed: true,
    newGrounds: after.decisions.filter((decision) => isNewGround(before, decision)),
    unhide: ruleHideToUndo(before, after),
  };
};
