import { find } from 'linkifyjs';

/** Where a disguised reply really points: a host or an email address, as it reads undisguised. */
export interface DisguisedLinkables {
  links: { text: string; host: string; disguised: boolean }[];
  emails: string[];
}

// Top-level domains worth undoing a spoken dot for ("evil dot com"); the ones that are also
// everyday words ("the point is", "punto de venta") only after the English "dot".
const TLDS =
  'com|net|org|info|biz|io|co|ly|xyz|shop|store|online|site|link|click|top|live|club|app|vip|win|ru|cn|uk|gr|fr|pt|br|eu|tk|ml|ga|cf|gq';
const WORDY_TLDS = 'it|is|in|at|be|to|no|so|do|me|my|us|es|de';
const DOT_WORDS = 'punto|ponto|point|punkt|τελεια';
const LABEL_END = '(?<=[\\p{L}\\p{N}])';

const DISGUISES: [RegExp, string][] = [
  [/h(?:xx|\*\*|tt|x{2}x?)p(s?)\s*(?:\[:\]|:)\s*\/\s*\//gu, 'http$1://'],
  [/\bhxxps?\b/gu, 'http'],
  // "support at evil dot com": the spoken @ only where a spoken dot follows.
  [new RegExp(`${LABEL_END}\\s+(?:at|arroba|arobase)\\s+(?=[\\p{L}\\p{N}-]+\\s+(?:dot|${DOT_WORDS})\\s+\\p{L})`, 'gu'), '@'],
  [/\s*[[({<]\s*(?:at|@|arroba|arobase)\s*[\])}>]\s*/gu, '@'],
  [new RegExp(`\\s*[[({<]\\s*(?:\\.|dot|${DOT_WORDS})\\s*[\\])}>]\\s*`, 'gu'), '.'],
  [new RegExp(`${LABEL_END}\\s+dot\\s+(?=(?:${TLDS}|${WORDY_TLDS})\\b)`, 'gu'), '.'],
  [new RegExp(`${LABEL_END}\\s+(?:${DOT_WORDS})\\s+(?=(?:${TLDS})\\b)`, 'gu'), '.'],
  // Ideographic, fullwidth-derived and look-alike dots inside a word.
  [/(?<=[a-z0-9])[。·•∙‧⋅](?=[a-z0-9])/gu, '.'],
  // "evil . com", "evil .com", and "evil. com" before a common top-level domain.
  [/(?<=[\p{L}\p{N}])\s+\.\s*(?=[\p{L}\p{N}])/gu, '.'],
  [new RegExp(`${LABEL_END}\\.\\s+(?=(?:${TLDS})\\b)`, 'gu'), '.'],
];

// Most replies show no sign of a disguise, and most then hold nothing a link needs.
const MAY_BE_DISGUISED = new RegExp(`[[({<。·•∙‧⋅]|\\s\\.|\\.\\s+(?:${TLDS})\\b|hxx|h\\*\\*p|\\bdot\\b|${DOT_WORDS}`, 'u');
const MAY_LINK = /[.@][\p{L}\p{N}]|:\/\//u;
const IPV4 = /(?<![\p{L}\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?!\p{N}|\.\d)/gu;

const hostOf = (href: string): string => {
  try {
    return new URL(href).hostname.toLowerCase().replace(/^www\./u, '');
  } catch {
    return '';
  }
};

/** Undoes the ways a link or an email address is written so that filters miss it. */
export const undisguise = (folded: string): string =>
  DISGUISES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), folded);

/**
 * Links (bare domains and IP addresses count) and email addresses in folded reply text,
 * also where they were disguised: `evil[.]com`, `evil．com`, `evil dot com`, `hxxp://`,
 * `support [at] evil [dot] com`.
 */
export const findDisguisedLinkables = (folded: string): DisguisedLinkables => {
  const found: DisguisedLinkables = { links: [], emails: [] };
  const plain = MAY_BE_DISGUISED.test(folded) ? undisguise(folded) : folded;
  if (!MAY_LINK.test(plain)) return found;
  for (const item of find(plain)) {
    if (item.type === 'email') found.emails.push(item.value);
    else if (item.type === 'url') found.links.push({ text: item.value, host: hostOf(item.href), disguised: !folded.includes(item.value) });
  }
  for (const match of plain.matchAll(IPV4)) {
    if (!found.links.some((link) => link.host === match[0])) {
      found.links.push({ text: match[0], host: match[0], disguised: !folded.includes(match[0]) });
    }
  }
  return found;
};
