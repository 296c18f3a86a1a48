const ELLIPSIS = '…';
/** A word break this close to the cut reads better than a word cut in half. */
const WORD_BREAK_WINDOW = 40;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Encodes `raw` grapheme by grapheme and cuts it to at most `max` UTF-16 units (at least as strict as
 * a chat's own count), never inside an emoji or an HTML entity, preferring a word break, ending in "…".
 * Reads only as far as the cut: comments can be long and a card renders many fields.
 */
export const fitByGrapheme = (raw: string, max: number, encode: (grapheme: string) => string): string => {
  const budget = max - ELLIPSIS.length;
  const kept: string[] = [];
  const spill: string[] = [];
  let used = 0;
  let spilled = 0;
  let lastBreak = -1;
  for (const { segment } of graphemes.segment(raw)) {
    const part = encode(segment);
    if (spill.length === 0 && used + part.length <= budget) {
      kept.push(part);
      used += part.length;
      if (/^\s+$/u.test(part)) lastBreak = kept.length - 1;
      continue;
    }
    spill.push(part);
    spilled += part.length;
    if (used + spilled > max) {
      const cut = lastBreak > 0 && kept.length - lastBreak <= WORD_BREAK_WINDOW ? kept.slice(0, lastBreak) : kept;
      return `${cut.join('').trimEnd()}${ELLIPSIS}`;
    }
  }
  return [...kept, ...spill].join('');
};

/** Plain text cut to `max` as above; most texts fit whole and are returned as they are. */
export const fitText = (raw: string, max: number): string => (raw.length <= max ? raw : fitByGrapheme(raw, max, (grapheme) => grapheme));

/** Longer than any grapheme worth keeping whole: the segmenter reads the text it is given in full. */
const GRAPHEME_SLACK = 64;

/**
 * The first graphemes of `text` that fit in `max` UTF-16 units: never half an emoji, a flag or a
 * letter with its accents. Segments only a prefix a little past the cut, so long texts cost little.
 */
export const leadingGraphemes = (text: string, max: number): string => {
  let kept = '';
  for (const { segment } of graphemes.segment(text.slice(0, max + GRAPHEME_SLACK))) {
    if (kept.length + segment.length > max) break;
    kept += segment;
  }
  return kept;
};

/** `text` whole when it fits, else its first graphemes and "…" within `max` (a snippet, a headline). */
export const snipText = (text: string, max: number): string =>
  text.length <= max ? text : `${leadingGraphemes(text, max - ELLIPSIS.length)}${ELLIPSIS}`;
