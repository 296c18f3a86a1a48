import { foldTerm, originalSlice, type TextView } from './fold-text.js';
import { CLAUSE_BREAK, wordAfter, wordBefore } from './words.js';

/**
 * Words that deny what follows: "no / zero / not a single complaint", "ninguna queja",
 * "κανένα παράπονο", "sem reclamação", "keine Beschwerde", "aucune plainte", "არანაირი საჩივარი".
 */
const NEGATORS = new Set(
  [
    ...['no', 'not', 'zero', '0', 'never', 'without', 'nothing', 'none', 'nor', 'neither', "can't", 'cant', 'cannot', "don't", 'dont'],
    ...["didn't", 'didnt', "won't", "wouldn't", "couldn't", "haven't", "hasn't", "isn't", "aren't", "wasn't", "ain't"],
    ...['ninguna', 'ninguno', 'ningún', 'sin', 'nada', 'nunca', 'cero', 'ni', 'jamás'],
    ...['não', 'nenhuma', 'nenhum', 'sem', 'nem', 'jamais'],
    ...['aucune', 'aucun', 'pas', 'sans', 'rien'],
    ...['kein', 'keine', 'keinen', 'keiner', 'keinem', 'keinerlei', 'nicht', 'ohne', 'nichts', 'nie', 'niemals', 'null'],
    ...['nessuna', 'nessun', 'nessuno', 'senza', 'niente', 'nulla', 'mai', 'non', 'né'],
    ...['κανένα', 'καμία', 'κανένας', 'κανείς', 'χωρίς', 'δεν', 'μη', 'μην', 'τίποτα', 'ποτέ', 'μηδέν', 'ούτε'],
    ...['არანაირი', 'არავითარი', 'არც', 'არ', 'ნული'],
  ].map(foldTerm),
);

/** Words that may stand between a negator and what it denies: "not a single", "never had any", "nothing to". */
const FILLERS = new Set(
  [
    ...['a', 'an', 'any', 'single', 'one', 'real', 'more', 'other', 'further', 'serious', 'major', 'big', 'slightest', 'of', 'the'],
    ...['have', 'had', 'has', 'got', 'ever', 'to', 'about', 'even', 'at', 'all', 'really', 'need', 'been', 'reason', 'i', 'we'],
    ...['una', 'un', 'uno', 'sola', 'solo', 'tengo', 'tuve', 'hay', 'hubo', 'de', 'que', 'la', 'el', 'más', 'ninguna'],
    ...['uma', 'um', 'só', 'tenho', 'tive', 'há', 'houve', 'do', 'da', 'a', 'o', 'qualquer', 'nenhuma', 'motivo'],
    ...['une', 'seule', 'seul', 'ai', 'avons', "j'ai", "n'ai", 'y', 'à', 'aucune', 'raison'],
    ...[
      'einzige',
      'einzigen',
      'eine',
      'einen',
      'ein',
      'einer',
      'habe',
      'hatte',
      'haben',
      'gibt',
      'es',
      'zu',
      'zur',
      'mich',
      'uns',
      'ich',
      'grund',
      'anlass',
    ],
    ...['alcun', 'alcuna', 'ho', "c'è", 'ce', 'da', 'di', 'il', 'mi', 'motivo'],
    ...['ένα', 'μία', 'μια', 'ένας', 'έχω', 'είχα', 'έχουμε', 'να', 'το', 'τον', 'την', 'τα', 'κανένα', 'καθόλου', 'απολύτως', 'λόγος'],
    ...['ერთი', 'ერთიც', 'მაქვს', 'გვაქვს'],
  ].map(foldTerm),
);

/** Denials written after the word: "Complaints? None.", "საჩივარი არ მაქვს", "Beschwerden habe ich keine". */
const AFTER_PHRASES = ['არ მაქვს', 'არ გვაქვს', 'არ მქონია', 'არ გვქონია', 'habe ich keine', 'gibt es keine', 'gibt es nicht'].map(
  foldTerm,
);
const AFTER_WORDS = new Set(
  ['none', 'zero', 'nada', 'ninguna', 'ninguno', 'nenhuma', 'nenhum', 'keine', 'aucune', 'nessuna', 'κανένα', 'καμία'].map(foldTerm),
);
const MAX_FILLERS = 3;

const negatorBefore = (view: TextView, start: number): string | null => {
  let index = start;
  for (let fillers = 0; fillers <= MAX_FILLERS; fillers += 1) {
    const word = wordBefore(view.text, index);
    if (word === null || CLAUSE_BREAK.test(word.gap)) return null;
    if (NEGATORS.has(word.text)) return originalSlice(view, word.start, word.end);
    if (!FILLERS.has(word.text)) return null;
    index = word.start;
  }
  return null;
};

const negatorAfter = (view: TextView, end: number): string | null => {
  const tail = view.text.slice(end, end + 32);
  const skipped = tail.length - tail.replace(/^[\s:?!-]+/u, '').length;
  const rest = tail.slice(skipped);
  for (const phrase of AFTER_PHRASES) {
    if (rest.startsWith(phrase)) return originalSlice(view, end + skipped, end + skipped + phrase.length);
  }
  const word = wordAfter(view.text, end);
  if (word === null || !AFTER_WORDS.has(word.text) || !/^[\s:?!-]*$/u.test(word.gap)) return null;
  const next = wordAfter(view.text, word.end);
  // "Complaints? None." — but not "complaint: none of your staff answered".
  return next === null || CLAUSE_BREAK.test(next.gap) ? originalSlice(view, word.start, word.end) : null;
};

/** The word that denies the term at [start, end) in folded text, as written ("Zero", "Ninguna"), or null. */
export const negationOf = (view: TextView, start: number, end: number): string | null =>
  negatorBefore(view, start) ?? negatorAfter(view, end);
