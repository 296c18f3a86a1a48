const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

const decodeEntity = (entity: string, name: string): string => {
  if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16) || 0xfffd);
  if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10) || 0xfffd);
  return ENTITIES[name.toLowerCase()] ?? entity;
};

/**
 * Comment HTML as a platform's "display text" carries it, back to what the person typed:
 * `<br />` as a line break, links as their visible text (a timestamp link stays "2:19"),
 * entities decoded. Platform adapters hand the engine plain text; so does the evaluation.
 */
export const htmlToText = (html: string): string =>
  html
    .replace(/<br\s*\/?>/giu, '\n')
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/&(#[xX]?[0-9a-fA-F]+|[a-zA-Z]+);/gu, decodeEntity)
    .replace(/\ufeff/gu, '')
    .trim();
