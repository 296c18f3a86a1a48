import { renderTemplate, type TemplatePart, type VariableLookup } from '../templates/render-template.js';
import type { Guardrails } from './compiled.js';
import { type Finding, findReplyProblems } from './reply-guard.js';

/** Template variables whose values the commenter chose (a profile name is anything its owner typed). */
const FROM_AUTHOR: ReadonlySet<string> = new Set(['first_name', 'name', 'username']);

export interface CheckedText {
  text: string;
  /** Set when the author's values could not be used safely: why, in words; `text` is then the no-name variant. */
  refused?: string;
}

const key = (finding: Finding): string => `${finding.check}\u0000${finding.text}`;

// What the playbook's own text carries (its links, its codes) is the playbook's choice; only
// what the author's values add is refused. Those baselines repeat, so they are remembered.
const baselines = new WeakMap<Guardrails, Map<string, ReadonlySet<string>>>();

const baselineFindings = (text: string, guardrails: Guardrails, allowPromises: readonly string[]): ReadonlySet<string> => {
  let known = baselines.get(guardrails);
  if (known === undefined) baselines.set(guardrails, (known = new Map()));
  const cacheKey = `${allowPromises.join(',')}\u0000${text}`;
  let found = known.get(cacheKey);
  if (found === undefined) {
    if (known.size >= 1_000) known.clear();
    found = new Set(findReplyProblems(text, guardrails, allowPromises).map(key));
    known.set(cacheKey, found);
  }
  return found;
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
 * Renders a template whose slots may hold what the author wrote about themselves. A value that
 * carries a link, a mention, an email address, profanity… is not interpolated: the slot takes
 * its fallback. When the rendered text still carries something the playbook's own text does not
 * (a value that only offends next to the template's words), the no-name variant is returned and
 * `refused` says why, so an automatic reply is held for a person.
 */
export const renderChecked = (
  parts: readonly TemplatePart[],
  lookup: VariableLookup,
  guardrails: Guardrails,
  allowPromises: readonly string[],
): CheckedText => {
  const values = authorValues(parts, lookup);
  // No name in this reply: nothing the author wrote reaches it, and nothing is checked.
  if (values === null) return { text: renderTemplate(parts, lookup) };
  const usable = new Set<string>();
  for (const [name, value] of values) if (findReplyProblems(value, guardrails, allowPromises).length === 0) usable.add(name);
  const withoutAuthor: VariableLookup = (name) => (FROM_AUTHOR.has(name) ? undefined : lookup(name));
  if (usable.size === 0) return { text: renderTemplate(parts, withoutAuthor) };
  const text = renderTemplate(parts, (name) => (FROM_AUTHOR.has(name) && !usable.has(name) ? undefined : lookup(name)));
  const baseline = renderTemplate(parts, withoutAuthor);
  const own = baselineFindings(baseline, guardrails, allowPromises);
  const added = findReplyProblems(text, guardrails, allowPromises).filter((finding) => !own.has(key(finding)));
  if (added.length === 0) return { text };
  return { text: baseline, refused: added.map((finding) => finding.words).join('; ') };
};
