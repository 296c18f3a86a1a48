/*
 * Ways a reply could carry someone's contact or a deal that no playbook wrote: phone
 * numbers, mentions and tags, promo codes. All of them read folded text (lower case,
 * fullwidth and styled characters already plain) except codes, whose capitals are the tell.
 */

// Seven to fifteen digits with the separators phone numbers are written with.
const PHONE = /(?<![\p{L}\p{N}#[])(?:\+|\(\+?)?\d[\d \-./()]{5,22}\d(?!\p{N})/gu;
const DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/u;
const YEARS = /^(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d$/u;
const GROUPED_AMOUNT = /^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?$/u;
// An order or tracking number is not a phone number.
const REFERENCE_BEFORE =
  /(?:order|tracking|ref|pedido|encomenda|commande|bestellung|sendung|ordine|παραγγελια|n[ºo°]\.?|#)\s*(?:number|no\.?|n[ºo°]|numero|nummer|αριθμος)?\s*:?\s*$/u;

const countDigits = (text: string): number => {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x30 && unit <= 0x39) digits += 1;
  }
  return digits;
};

export const findPhones = (folded: string): string[] => {
  if (countDigits(folded) < 7) return [];
  const found: string[] = [];
  for (const match of folded.matchAll(PHONE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/gu, '').length;
    if (digits < 7 || digits > 15) continue;
    if (DATE.test(candidate) || YEARS.test(candidate) || GROUPED_AMOUNT.test(candidate)) continue;
    if (REFERENCE_BEFORE.test(folded.slice(Math.max(0, match.index - 24), match.index))) continue;
    found.push(candidate);
  }
  return found;
};

// @handle (not the @ inside an email address), Facebook's @[id] tags, Slack and Discord
// mentions (<@U123>, <#C123|general>, <!here>).
const MENTION = /(?<![\p{L}\p{N}._%+-])@(?:\[[^\]]*\]|[\p{L}\p{N}_][\p{L}\p{N}_.]*)|<[@#!][^>\s]*>/gu;
const HASHTAG = /(?<![\p{L}\p{N}_&#])#[\p{L}_][\p{L}\p{N}_]*/gu;

/** Mentions and hashtags not in `allowed` (lower case, with their `@` or `#`). */
export const findTags = (folded: string, allowed: readonly string[]): { mentions: string[]; hashtags: string[] } => {
  const mentions: string[] = [];
  const hashtags: string[] = [];
  if (folded.includes('@') || folded.includes('<')) {
    for (const [tag] of folded.matchAll(MENTION)) if (!allowed.includes(tag.replace(/\.$/u, ''))) mentions.push(tag.replace(/\.$/u, ''));
  }
  if (folded.includes('#')) {
    for (const [tag] of folded.matchAll(HASHTAG)) if (!allowed.includes(tag)) hashtags.push(tag);
  }
  return { mentions, hashtags };
};

// SAVE50, WELCOME10, 50OFF: capitals and digits together, in one token of 4 to 20.
const CODE_SHAPE = /(?<![\p{L}\p{N}_-])(?=(?:[A-Z0-9]*[A-Z]){2})(?=[A-Z]*\d)[A-Z0-9]{4,20}(?![\p{L}\p{N}_-])/gu;
// "code save50", "código: bienvenido10": a token with letters and digits after a code word.
const CODE_AFTER_WORD =
  /(?:code|coupon|codigo|cupon|cupom|codice|gutschein|gutscheincode|rabattcode|κωδικο|κωδικος)\s*[:=-]?\s*["'«“]?((?=[a-z0-9_-]*\d)(?=[a-z0-9_-]*[a-z])[a-z0-9][a-z0-9_-]{2,19})(?![\p{L}\p{N}])/gu;

/** Promo-code shaped tokens not in `allowed` (upper case). */
export const findCodes = (text: string, folded: string, allowed: readonly string[]): string[] => {
  const found: string[] = [];
  const add = (code: string) => {
    const upper = code.toUpperCase();
    if (!allowed.includes(upper) && !found.some((known) => known.toUpperCase() === upper)) found.push(code);
  };
  // Every code has a digit (styled ones like 𝟓 included).
  if (!/\p{Nd}/u.test(text)) return found;
  const plain = /\P{ASCII}/u.test(text) ? text.normalize('NFKC') : text;
  if (/[A-Z]/u.test(plain)) for (const [code] of plain.matchAll(CODE_SHAPE)) add(code);
  for (const match of folded.matchAll(CODE_AFTER_WORD)) add(match[1] as string);
  return found;
};
