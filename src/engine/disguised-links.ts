import type { TextView } from './fold-text.js';
import { originalSlice } from './fold-text.js';

export interface PatternHit {
  family: 'disguised_link' | 'scam' | 'self_promotion';
  text: string;
  /** Range in the original text, to tell a disguise from a real link found there. */
  start: number;
  end: number;
}

const TLD =
  'com|net|org|info|biz|io|co|me|tv|ly|gl|be|store|shop|online|site|xyz|club|live|app|ru|de|fr|es|it|pt|br|gr|uk|us|ge|pl|nl|in|to|ws|cc';
// Spelled-out dots are written only before the common endings; "point de vue" is not a link.
const WORD_TLD = 'com|net|org|info|biz|io|co|tv|ly|gl|store|shop|online|site|xyz|club|ru|br|gr|ge';
const NAME = '(?<![\\p{L}\\p{N}.@/-])([a-z0-9][a-z0-9-]{1,62})';
const END = '(?![\\p{L}\\p{N}])';
const STOPWORDS = new Set(['the', 'a', 'an', 'this', 'that', 'el', 'la', 'le', 'lo', 'der', 'die', 'das', 'il', 'o', 'os', 'to', 'η', 'ο']);

const SPACED_DOT = new RegExp(`${NAME} \\. ?(?:${WORD_TLD})${END}`, 'gu');
const FOLDED_DOMAIN = new RegExp(`${NAME}\\.(?:${TLD})${END}`, 'gu');

const FRAGMENT_HINTS = ['v=', 'v =', 'youtu', 'bit', 'goo', 'tinyurl', 't t', 'ttp', 'w w', 'www', 'you[', 'you ['];

// One pass over the text for everything the patterns below need; most comments have none of it.
const MAY_DISGUISE =
  /[[({·•∙⋅。+@$€£/:]| \.|v ?=|youtu|bit|goo|tinyurl|t t|ttp|w w|www| (?:dot|punto|punkt|ponto|point|τελεια) |spac|leerz|spazi|κενα|usd|dollar|euro/u;
const NO_HITS: PatternHit[] = [];
const SPACE_HINTS = ['spaces', 'espac', 'leerz', 'spazi', 'κενα'];
const MONEY_HINTS = ['$', '€', '£', 'usd', 'dollar', 'euro'];

interface Pattern {
  family: PatternHit['family'];
  /** A cheap test of the folded text: most messages hold none of what a disguise needs. */
  gate: (text: string) => boolean;
  pattern: RegExp;
}

// On folded text: lower case, accents and width folded (a fullwidth "．" is already "."), single spaces.
const PATTERNS: readonly Pattern[] = [
  {
    // example [.] net, example(dot)com, example 。com
    family: 'disguised_link',
    gate: (text) => /[[({] ?(?:\.|dot) ?[\])}]|[·•∙⋅。]/u.test(text),
    pattern: new RegExp(`${NAME} ?(?:\\[ ?(?:\\.|dot) ?\\]|\\( ?(?:\\.|dot) ?\\)|\\{ ?(?:\\.|dot) ?\\}|[·•∙⋅。]) ?(?:${TLD})${END}`, 'gu'),
  },
  // kidsmediausa . com (a sloppy full stop before a sentence, "Adorei . Com certeza", is left out below)
  { family: 'disguised_link', gate: (text) => text.includes(' .'), pattern: SPACED_DOT },
  // marketglory. com/strategygame
  {
    family: 'disguised_link',
    gate: (text) => text.includes('. ') && text.includes('/'),
    pattern: new RegExp(`${NAME}\\. (?:${TLD})/`, 'gu'),
  },
  {
    // cheapwatches dot store, ejemplo punto com
    family: 'disguised_link',
    gate: (text) => / (?:dot|punto|punkt|ponto|point|τελεια) /u.test(text),
    pattern: new RegExp(`${NAME} (?:dot|punto|punkt|ponto|point|τελεια) (?:${WORD_TLD})${END}`, 'gu'),
  },
  {
    // watch?v=…, youtu be/…, bit ly/…, h t t p, www . , you[tube]
    family: 'disguised_link',
    gate: (text) => FRAGMENT_HINTS.some((hint) => text.includes(hint)),
    pattern:
      /watch ?\? ?v ?=|\byoutu ?\.? ?be ?\/|\bbit ?(?:\.|dot)? ?ly\b|\bgoo ?\.? ?gl\b|\btinyurl\b|\bh ?t ?t ?p ?s? ?: ?\/ ?\/|\bw ?w ?w ?(?:\.|dot) |\byou ?\[ ?tube ?\]/gu,
  },
  {
    // youtube/somebody, IG: __someone99, twitter //someone
    family: 'disguised_link',
    gate: (text) => text.includes('/') || text.includes(':'),
    pattern:
      /\b(?:youtube|yt|twitch|instagram|insta|ig|twitter|tiktok|soundcloud|snapchat|snap|kik|skype)(?: ?\/{1,2} ?[a-z0-9_.]{3,}| ?: ?(?:@[a-z0-9_.]{3,}|[a-z_][a-z0-9_.]*[0-9_][a-z0-9_.]*))/gu,
  },
  {
    // "(delete spaces)": an instruction to undo the disguise
    family: 'disguised_link',
    gate: (text) => SPACE_HINTS.some((hint) => text.includes(hint)),
    pattern:
      /\b(?:delete|remove|without) (?:the )?spaces\b|\bsin espacios\b|\bsem espacos\b|\bohne leerzeichen\b|\bsans (?:les )?espaces\b|\bsenza spazi\b|(?<!\p{L})χωρις κενα(?!\p{L})/gu,
  },
  // A channel or account pointed at by its handle: "subscribe to +SomeChannel", "follow @someone99".
  {
    family: 'self_promotion',
    gate: (text) => text.includes('+') || text.includes('@'),
    pattern: /\b(?:subscribe|suscribe|sub|follow) (?:to |on )?[+@][\p{L}\p{N}_]{3,}/gu,
  },
  {
    // Money on a schedule: "$500 a day", "earn 300 dollars".
    family: 'scam',
    gate: (text) => MONEY_HINTS.some((hint) => text.includes(hint)),
    pattern:
      /(?:\$|€|£) ?\d[\d,.]* ?(?:a|per|\/) ?(?:day|week|hour)\b|\d[\d,.]* ?(?:\$|€|£|usd|dollars|euros) ?(?:a|per|\/) ?(?:day|week|hour)\b|\b(?:earn|make|making|earning) (?:\$|€|£) ?\d[\d,.]*\d|\b(?:earn|make|making|earning) (?:\$|€|£) ?\d|\b(?:earn|make|making|earning) \d[\d,.]* ?(?:\$|€|£|usd|dollars|euros)\b/gu,
  },
];

/** "Amei . Com certeza": a capital after a spaced full stop, then more words, starts a sentence. */
const startsSentence = (view: TextView, match: RegExpExecArray): boolean => {
  const end = match.index + match[0].length;
  const at = match.index + match[0].search(/\p{L}+$/u);
  const tld = view.original[view.start === null ? at : (view.start[at] ?? 0)] ?? '';
  return tld !== tld.toLowerCase() && /^ \p{L}/u.test(view.text.slice(end, end + 2));
};

const collect = (view: TextView, pattern: RegExp, family: PatternHit['family'], out: PatternHit[]): void => {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(view.text); match !== null; match = pattern.exec(view.text)) {
    const name = match[1];
    if (name !== undefined && STOPWORDS.has(name)) continue;
    if (pattern === SPACED_DOT && startsSentence(view, match)) continue;
    const start = view.start === null ? match.index : (view.start[match.index] ?? 0);
    const end = view.end === null ? match.index + match[0].length : (view.end[match.index + match[0].length - 1] ?? 0);
    out.push({ family, text: originalSlice(view, match.index, match.index + match[0].length).trim(), start, end });
  }
};

/**
 * Links written so that no link detector sees them (spaces or words for dots, brackets,
 * fullwidth and middle dots, URL fragments, handles after a platform name), handles to
 * subscribe to, and money promised on a schedule. Real links are left to the caller, which
 * knows where they are.
 */
export const findDisguises = (view: TextView): PatternHit[] => {
  // Folding turned a fullwidth "．" into "."; the original still has it.
  const fullwidth = view.start !== null && view.original.includes('．');
  if (!fullwidth && !MAY_DISGUISE.test(view.text)) return NO_HITS;
  const found: PatternHit[] = [];
  for (const { family, gate, pattern } of PATTERNS) if (gate(view.text)) collect(view, pattern, family, found);
  // Folding made "example．com" plain "example.com": a disguise when the original has no real dot.
  if (fullwidth) {
    const folded: PatternHit[] = [];
    collect(view, FOLDED_DOMAIN, 'disguised_link', folded);
    for (const hit of folded) if (!/\.\p{L}/u.test(hit.text)) found.push(hit);
  }
  return found;
};
