/**
 * A small offline sentiment lexicon for the languages of the default playbook. Weights run
 * from -3 to 3; a trailing `*` matches any ending. Good enough to rank "escalating
 * negativity" for a person to look at — not to decide anything on its own.
 */
export const LEXICON: Record<string, Record<string, readonly string[]>> = {
  en: {
    '3': ['love*', 'amazing', 'awesome', 'excellent', 'perfect', 'fantastic', 'wonderful', 'best', 'brilliant'],
    '2': ['great', 'beautiful', 'happy', 'thank*', 'thx', 'recommend*', 'gorgeous', 'delighted', 'impressed'],
    '1': ['good', 'nice', 'like', 'cool', 'glad', 'helpful', 'fast', 'works', 'pleased', 'cute'],
    '-1': ['slow', 'late', 'wrong', 'expensive', 'problem*', 'issue*', 'bad', 'meh', 'confus*', 'waiting'],
    '-2': ['broken', 'disappoint*', 'annoy*', 'angry', 'upset', 'poor', 'useless', 'rude', 'ignored', 'unacceptable', 'never again', 'complain*', 'refund*', 'damaged', 'missing'],
    '-3': ['hate*', 'terrible', 'awful', 'horrible', 'worst', 'scam*', 'fraud*', 'disgust*', 'furious', 'ripoff', 'rip off', 'lawsuit', 'sue', 'lawyer'],
  },
  el: {
    '3': ['τελει*', 'υπεροχ*', 'καταπληκτικ*', 'φανταστικ*', 'λατρευ*', 'αγαπω', 'αψογ*'],
    '2': ['ευχαριστ*', 'ωραι*', 'πανεμορφ*', 'χαρουμεν*', 'προτειν*', 'ομορφ*'],
    '1': ['καλο', 'καλος', 'καλη', 'καλα', 'γρηγορ*', 'μου αρεσει'],
    '-1': ['αργ*', 'ακριβ*', 'λαθος', 'προβλημα*', 'περιμενω'],
    '-2': ['χαλασμεν*', 'απογοητευ*', 'θυμωμεν*', 'αχρηστ*', 'αγεν*', 'απαραδεκτ*', 'παραπον*', 'επιστροφη χρηματων'],
    '-3': ['μισω', 'απαισι*', 'χαλια', 'χειροτερ*', 'απατη*', 'απατεων*', 'κλεφτ*', 'αηδια*', 'μηνυση', 'δικηγορ*'],
  },
  ka: {
    '3': ['მშვენიერ*', 'საუკეთესო', 'ძალიან კარგი', 'მიყვარს'],
    '2': ['მადლობ*', 'კარგი', 'ლამაზ*'],
    '-2': ['ცუდი', 'გაფუჭებულ*', 'პრობლემ*', 'საჩივარ*'],
    '-3': ['საშინელ*', 'მძულს', 'თაღლით*', 'სასამართლო'],
  },
  es: {
    '3': ['encant*', 'increible', 'excelente', 'perfect*', 'maravillos*', 'me gusta mucho', 'el mejor'],
    '2': ['gracias', 'genial', 'bonit*', 'feliz', 'recomiendo', 'precios*', 'hermos*'],
    '1': ['bueno', 'buena', 'bien', 'rapido', 'me gusta'],
    '-1': ['lento', 'tarde', 'caro', 'problema*'],
    '-2': ['roto', 'rota', 'decepcion*', 'enfadad*', 'molest*', 'inutil', 'queja*', 'reembolso', 'inaceptable'],
    '-3': ['odio', 'terrible', 'horrible', 'pesim*', 'estafa*', 'fraude', 'asco', 'demanda', 'abogado*'],
  },
  de: {
    '3': ['liebe', 'perfekt', 'fantastisch', 'hervorragend', 'wunderbar', 'super', 'toll*', 'der beste'],
    '2': ['danke*', 'schon', 'empfehl*', 'klasse', 'gluckl*'],
    '1': ['gut', 'nett', 'schnell'],
    '-1': ['langsam', 'spat', 'teuer', 'problem*', 'immer noch'],
    '-2': ['kaputt', 'enttausch*', 'verargert', 'nutzlos', 'beschwerde*', 'unverschamt', 'ruckerstattung', 'inakzeptabel'],
    '-3': ['hasse', 'schrecklich', 'furchtbar', 'betrug*', 'abzocke', 'ekelhaft', 'klage', 'anwalt*'],
  },
  fr: {
    '3': ['adore', 'parfait*', 'excellent*', 'magnifique', 'merveilleu*', 'genial*', 'le meilleur'],
    '2': ['merci', 'super', 'belle', 'beau', 'recommande', 'content*', 'ravi*'],
    '1': ['bien', 'bon', 'bonne', 'rapide', 'sympa'],
    '-1': ['lent*', 'retard*', 'cher', 'chere', 'probleme*', 'toujours pas'],
    '-2': ['casse*', 'decu*', 'decevant*', 'enerve*', 'inutile', 'plainte*', 'rembourse*', 'inacceptable'],
    '-3': ['deteste', 'horrible', 'nul', 'nulle', 'arnaque*', 'escroc*', 'degoutant', 'proces', 'avocat*'],
  },
  pt: {
    '3': ['adoro', 'amei', 'perfeit*', 'excelente', 'maravilhos*', 'incrivel', 'o melhor'],
    '2': ['obrigad*', 'lind*', 'feliz', 'recomendo', 'otimo', 'otima'],
    '1': ['bom', 'boa', 'bem', 'rapido', 'gostei'],
    '-1': ['lento', 'atrasad*', 'caro', 'problema*', 'ainda nao'],
    '-2': ['quebrad*', 'decepcion*', 'irritad*', 'inutil', 'reclama*', 'reembolso', 'inaceitavel'],
    '-3': ['odeio', 'horrivel', 'pessim*', 'golpe', 'fraude', 'nojo*', 'processo', 'advogado*'],
  },
  it: {
    '3': ['adoro', 'perfett*', 'eccellente', 'meraviglios*', 'fantastic*', 'stupend*', 'il migliore'],
    '2': ['grazie', 'bellissim*', 'felice', 'consiglio', 'ottim*'],
    '1': ['buono', 'buona', 'bene', 'veloce', 'mi piace'],
    '-1': ['lento', 'ritardo', 'caro', 'problema*'],
    '-2': ['rott*', 'delus*', 'arrabbiat*', 'inutile', 'reclamo', 'rimborso', 'inaccettabile'],
    '-3': ['odio', 'orribile', 'terribile', 'pessim*', 'truffa*', 'frode', 'schifo*', 'causa legale', 'avvocat*'],
  },
  emoji: {
    '3': ['😍', '🥰', '❤', '🧡', '💛', '💚', '💙', '💜', '😻', '🤩'],
    '2': ['😊', '🙏', '👏', '🔥', '💯', '🎉', '👍', '😀', '😃', '😄', '🙂', '✨', '⭐'],
    '-2': ['😞', '😢', '😭', '👎', '😒', '🙄', '😤', '💔'],
    '-3': ['😡', '🤬', '😠', '🤮', '💩', '🖕'],
  },
};

/** Words that flip the sentiment of what follows within a few words. */
export const NEGATORS = [
  'not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "haven't", "hasn't", "won't", "can't",
  'δεν', 'μη', 'μην', 'ουτε', 'არ', 'ნუ', 'nunca', 'nada', 'nicht', 'kein', 'keine', 'nie', 'ne', 'pas',
  'jamais', 'nao', 'nem', 'non', 'mai',
];

export const INTENSIFIERS = [
  'very', 'so', 'really', 'super', 'extremely', 'totally', 'πολυ', 'παρα', 'ძალიან', 'muy', 'sehr',
  'tres', 'muito', 'molto',
];
