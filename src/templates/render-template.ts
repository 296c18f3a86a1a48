/** A phrasing split into literal text and `{{name|fallback}}` slots, parsed once at load. */
export type TemplatePart = string | { name: string; fallback?: string };

const SLOT = /\{\{\s*([a-z_][a-z0-9_]*)\s*(?:\|([^}]*))?\}\}/gu;

export class TemplateSyntaxError extends Error {}

export const parseTemplate = (text: string): TemplatePart[] => {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(SLOT)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const fallback = match[2];
    parts.push(fallback === undefined ? { name: match[1] as string } : { name: match[1] as string, fallback: fallback.trim() });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  const leftover = parts.find((part) => typeof part === 'string' && (part.includes('{{') || part.includes('}}')));
  if (leftover !== undefined) {
    throw new TemplateSyntaxError(`expected variables written as {{name}} or {{name|fallback}}, found "${String(leftover).trim()}"`);
  }
  return parts;
};

export type TemplateVariables = Readonly<Record<string, string | number | undefined>>;
export type VariableLookup = (name: string) => string | number | undefined;

/** Fills the slots; a missing or empty value takes the slot's fallback (or nothing). */
export const renderTemplate = (parts: readonly TemplatePart[], variables: TemplateVariables | VariableLookup): string => {
  const lookup = typeof variables === 'function' ? variables : (name: string) => variables[name];
  let out = '';
  let gaps = false;
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = lookup(part.name);
    if (value === undefined || value === '') gaps ||= (part.fallback ?? '') === '';
    out += value === undefined || value === '' ? (part.fallback ?? '') : String(value);
  }
  // An empty fallback can leave "Hi , thanks": tidy what the gap left behind.
  return gaps
    ? out
        .replace(/[ \t]{2,}/gu, ' ')
        .replace(/ ,/gu, ',')
        .trim()
    : out.trim();
};

export const slotsOf = (parts: readonly TemplatePart[]) =>
  parts.filter((part): part is { name: string; fallback?: string } => typeof part !== 'string');
