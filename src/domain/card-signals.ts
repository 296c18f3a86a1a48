const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** A message's language as a card shows it: "Greek (el)", or the code when the name is unknown. */
export const languageName = (code: string): string => {
  try {
    const name = languageNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
};

/** A sentiment score as a card shows it: a face, a word and the score ("🙁 negative (-0.40)"). */
export const sentimentLabel = (score: number): string => {
  const label = score <= -0.5 ? '😠 very negative' : score < -0.15 ? '🙁 negative' : score <= 0.15 ? '😐 neutral' : '🙂 positive';
  return `${label} (${score > 0 ? '+' : ''}${score.toFixed(2)})`;
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What a card says about its author's past with the account: "12 recent messages", "1 past handoff". */
export const authorFacts = (author: { recentMessages: number; pastHandoffs: number }): string[] => [
  plural(author.recentMessages, 'recent message', 'recent messages'),
  plural(author.pastHandoffs, 'past handoff', 'past handoffs'),
];
