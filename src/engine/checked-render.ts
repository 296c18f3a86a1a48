import { renderTemplate, type TemplatePart, type VariableLookup } from '../templates/render-template.js';
import type { Guardrails } from './compiled.js';
import { mayCombine } from './name-risk.js';
import { type Finding, findReplyProblems } from './reply-guard.js';

/** Template variables whose values the commenter chose (a profile name is anything its owner typed). */
const FROM_AUTHOR: ReadonlySet<string> = new Set(['first_name', 'name', 'username']);
/** How much of the template's text around a name can combine with it (the longest listed phrase is shorter). */
const WINDOW = 40;

export interface CheckedText {
  text: string;
  /** Set when the author's values could not be used safely: why, in words; `text` is then the no-name variant. */
  refused?: string;
}

type Slot = Exclude<TemplatePart, string>;

const findingKey = (finding: Finding): string => `${finding.check}\u0000${finding.text}`;

// A name comes back with every message its author sends, and the template's words around it
// with every reply: the checks' answers are remembered (a bounded, pure memo). Promise names
// never hold a NUL, so the key cannot be forged by a name.
const MEMO_SIZE = 4_096;
const memos = new WeakMap<Guardrails, Map<string, readonly Finding[]>>();

const problemsOf = (text: string, guardrails: Guardrails, allowPromises: readonly string[]): readonly Finding[] => {
  let memo = memos.get(guardrails);
  if (memo === undefined) memos.set(guardrails, (memo = new Map()));
  const key = `${allowPromises.join(',')}\u0000${text}`;
  let found = memo.get(key);
  if (found === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    found = findReplyProblems(text, guardrails, allowPromises);
    memo.set(key, found);
  }
  return found;
};

const slotText = (slot: Slot, lookup: VariableLookup): string => {
  const value = lookup(slot.name);
  return value === undefined || value === '' ? (slot.fallback ?? '') : String(value);
};

const authorValues = (parts: readonly TemplatePart[], lookup: VariableLookup): Map<string, string> | null => {
  let values: Map<string, string> | null = null;
  for (const part of parts) {
    if (typeof part === 'string' || !FROM_AUTHOR.has(part.name)) continue;
    const value = lookup(part.name);
    if (value !== undefined && value !== '') (values ??= new Map()).set(part.name, String(value));
  }
  return values;
};

/**
 * What the names add next to the template's words ("{{first_name}} off" with "piss"): each
 * name with the text around it, against the same text with the slot's fallback.
 */
const addedNearNames = (parts: readonly TemplatePart[], lookup: VariableLookup, guardrails: Guardrails, allow: readonly string[]) => {
  const pieces = parts.map((part) => (typeof part === 'string' ? part : slotText(part, lookup)));
  const added: Finding[] = [];
  parts.forEach((part, index) => {
    const name = pieces[index] as string;
    if (typeof part === 'string' || !FROM_AUTHOR.has(part.name) || name === (part.fallback ?? '')) return;
    const left = pieces.slice(0, index).join('').slice(-WINDOW);
    const right = pieces
      .slice(index + 1)
      .join('')
      .slice(0, WINDOW);
    if (guardrails.nameRisk !== undefined && !mayCombine(name, left, right, guardrails.nameRisk)) return;
    // What the template's own words carry is the playbook's choice, never refused.
    const own = new Set(problemsOf(`${left}${part.fallback ?? ''}${right}`, guardrails, allow).map(findingKey));
    for (const finding of problemsOf(`${left}${name}${right}`, guardrails, allow)) {
      if (!own.has(findingKey(finding))) added.push(finding);
    }
  });
  return added;
};

/**
 * Renders a template whose slots may hold what the author wrote about themselves. A value that
 * carries a link, a mention, an email address, profanity… is not interpolated: the slot takes
 * its fallback. When a name still adds something next to the template's words, the no-name
 * variant is returned and `refused` says why, so an automatic reply is held for a person.
 * Only names are checked: the playbook's own text and variables are its choice.
 */
export const renderChecked = (
  parts: readonly TemplatePart[],
  lookup: VariableLookup,
  guardrails: Guardrails,
  allowPromises: readonly string[],
): CheckedText => {
  let memo = rendered.get(guardrails);
  if (memo === undefined) rendered.set(guardrails, (memo = new Map()));
  const key = renderKey(parts, lookup, allowPromises);
  let checked = memo.get(key);
  if (checked === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    checked = renderUnchecked(parts, lookup, guardrails, allowPromises);
    memo.set(key, checked);
  }
  return checked;
};

// The same phrasing comes back with the same name (an author writes again, a name is common):
// the whole checked rendering is remembered, keyed by what it reads — the phrasing, each
// slot's value (an empty one reads as a missing one everywhere) and the promises allowed.
// Each value is prefixed by its length, so no name can make two different sets of values
// share a key. One bounded memo per playbook for all its phrasings, so memory stays bounded
// however many names a replay meets.
const rendered = new WeakMap<Guardrails, Map<string, CheckedText>>();
/** A number per phrasing (its parsed parts), for the memo's keys. */
const phrasingNumbers = new WeakMap<readonly TemplatePart[], number>();
let phrasingsNumbered = 0;

const renderKey = (parts: readonly TemplatePart[], lookup: VariableLookup, allowPromises: readonly string[]): string => {
  let number = phrasingNumbers.get(parts);
  if (number === undefined) {
    number = phrasingsNumbered;
    phrasingsNumbered += 1;
    phrasingNumbers.set(parts, number);
  }
  // Length-prefixed like the values below, so no promise holding a comma can pass for two.
  let key = `${number}:`;
  for (const promise of allowPromises) key += `${promise.length}:${promise}`;
  for (const part of parts) {
    if (typeof part === 'string') continue;
    const value = lookup(part.name);
    const text = value === undefined ? '' : String(value);
    key += `\u0000${text.length}:${text}`;
  }
  return key;
};

const renderUnchecked = (
  parts: readonly TemplatePart[],
  lookup: VariableLookup,
  guardrails: Guardrails,
  allowPromises: readonly string[],
): CheckedText => {
  const values = authorValues(parts, lookup);
  // No name in this reply: nothing the author wrote reaches it, and nothing is checked.
  if (values === null) return { text: renderTemplate(parts, lookup) };
  return checkNames(parts, lookup, values, guardrails, allowPromises);
};

const checkNames = (
  parts: readonly TemplatePart[],
  lookup: VariableLookup,
  values: ReadonlyMap<string, string>,
  guardrails: Guardrails,
  allowPromises: readonly string[],
): CheckedText => {
  const usable = new Set<string>();
  for (const [name, value] of values) if (problemsOf(value, guardrails, allowPromises).length === 0) usable.add(name);
  const withoutAuthor: VariableLookup = (name) => (FROM_AUTHOR.has(name) ? undefined : lookup(name));
  if (usable.size === 0) return { text: renderTemplate(parts, withoutAuthor) };
  const safe: VariableLookup = (name) => (FROM_AUTHOR.has(name) && !usable.has(name) ? undefined : lookup(name));
  const added = addedNearNames(parts, safe, guardrails, allowPromises);
  if (added.length === 0) return { text: renderTemplate(parts, safe) };
  return { text: renderTemplate(parts, withoutAuthor), refused: added.map((finding) => finding.words).join('; ') };
};
