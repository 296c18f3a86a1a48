import { deobfuscateTerm } from './deobfuscate.js';
import { foldTerm } from './fold-text.js';

/**
 * The words a name could combine with the template's words into something the checks refuse:
 * every word of a multi-word term ("piss off", "money back"), the stems of such terms that end
 * in `*`, and the words that join a name into a link or an email address.
 */
export interface NameRisk {
  words: ReadonlySet<string>;
  stems: readonly string[];
}

const CONNECTORS: ReadonlySet<string> = new Set([
  'dot',
  'punto',
  'ponto',
  'point',
  'punkt',
  'τελεια',
  'at',
  'arroba',
  'arobase',
  'www',
  'http',
  'https',
  'hxxp',
  'hxxps',
]);

export const compileNameRisk = (terms: Iterable<string>): NameRisk => {
  const words = new Set<string>(CONNECTORS);
  const stems: string[] = [];
  for (const raw of terms) {
    const prefix = raw.trim().endsWith('*');
    for (const fold of [foldTerm, deobfuscateTerm]) {
      const parts = fold(raw.trim().replace(/\*$/u, '')).split(/\s+/u);
      if (parts.length < 2) continue;
      for (const part of parts) words.add(part);
      if (prefix) stems.push(parts[parts.length - 1] as string);
    }
  }
  return { words, stems };
};

// A name of whole words, with inner apostrophes or hyphens; each word at least two letters.
const PLAIN_NAME = /^[\p{L}\p{M}]{2,}(?:['’-][\p{L}\p{M}]+)*(?: [\p{L}\p{M}]{2,}(?:['’-][\p{L}\p{M}]+)*)*$/u;
// What may touch a plain name without joining it to anything: space, sentence punctuation, emoji.
const SAFE_EDGE = /^(?:|[\s,!?;:'’"“”«»()—–…]|\p{Extended_Pictographic})$/u;
// What turns a word into a link, an address or a tag when it is near: dots of every kind, @, #, brackets.
const LINK_MARKS = /[.@#[\]{}<>。｡．·•∙‧⋅]/u;
const FIRST_WORD = /^[^\p{L}\p{N}]{0,3}([\p{L}\p{N}]+)/u;
const LAST_WORD = /([\p{L}\p{N}]+)[^\p{L}\p{N}]{0,3}$/u;

const STRETCHED = /(\p{L})\1\1/u;

const isRisky = (word: string, risk: NameRisk): boolean => {
  const folded = foldTerm(word);
  // Deobfuscation only changes a word of letters where one is stretched (offff).
  const forms = STRETCHED.test(folded) ? [folded, deobfuscateTerm(word)] : [folded];
  return forms.some((form) => risk.words.has(form) || risk.stems.some((stem) => form.startsWith(stem)));
};

const isConnector = (word: string | undefined): boolean =>
  word !== undefined && CONNECTORS.has(/\P{ASCII}/u.test(word) ? foldTerm(word) : word.toLowerCase());

/** The name's own part of `mayCombine`: not a plain name, or a word of it belongs to a multi-word term. */
const nameMayCombine = (name: string, risk: NameRisk): boolean =>
  !PLAIN_NAME.test(name) || name.split(' ').some((word) => isRisky(word, risk));

/** The text before the name: an edge that joins, a link mark, or a link word ("dot", "at") next to it. */
const beforeMayCombine = (before: string): boolean =>
  !SAFE_EDGE.test(before.slice(-1)) || LINK_MARKS.test(before.slice(-6)) || isConnector(LAST_WORD.exec(before.slice(-12))?.[1]);

/** The text after the name; "!" and "|" read as letters when a letter follows them (sh!t). */
const afterMayCombine = (after: string): boolean =>
  !SAFE_EDGE.test(after.slice(0, 1)) ||
  /^[!|]\p{L}/u.test(after) ||
  LINK_MARKS.test(after.slice(0, 6)) ||
  isConnector(FIRST_WORD.exec(after)?.[1]);

// The text around a name is mostly the template's own words, the same for every reply, and a
// name comes back with its author: each side's answer is remembered (bounded memos of pure
// functions) instead of running a dozen Unicode regexes per reply.
const MEMO_SIZE = 4_096;
const sideMemos = { before: new Map<string, boolean>(), after: new Map<string, boolean>() };
const nameMemos = new WeakMap<NameRisk, Map<string, boolean>>();

const remembered = (memo: Map<string, boolean>, key: string, work: (key: string) => boolean): boolean => {
  let answer = memo.get(key);
  if (answer === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    answer = work(key);
    memo.set(key, answer);
  }
  return answer;
};

/**
 * Whether a name that passed the checks on its own could still combine with the text around
 * it: false only for a plain name (letters, so no code, phone or tag), with harmless edges,
 * none of whose words belongs to a multi-word term, and no link word ("dot", "at") next to it.
 * The cheap test that spares most replies the check of the name in its context.
 */
export const mayCombine = (name: string, before: string, after: string, risk: NameRisk): boolean => {
  let names = nameMemos.get(risk);
  if (names === undefined) nameMemos.set(risk, (names = new Map()));
  return (
    remembered(names, name, (key) => nameMayCombine(key, risk)) ||
    remembered(sideMemos.before, before, beforeMayCombine) ||
    remembered(sideMemos.after, after, afterMayCombine)
  );
};
