import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import type { NgramData } from '../engine/eld-subset.js';

// eld's package exports only its entry points; its data sits next to them.
const FILE = new URL('../ngrams/extrasmall.js', import.meta.resolve('eld/extrasmall'));
const DECLARATION = 'export const ngramsData =';
let last: WeakRef<NgramData> | undefined;

/**
 * eld's n-grams (30 MB of objects once built), for compiling a language table. The data module's
 * one object literal is evaluated rather than the module imported: once the tables are built the
 * objects are garbage, where an imported module would hold them for good.
 */
export const readEldNgrams = (): NgramData => {
  const kept = last?.deref();
  if (kept !== undefined) return kept;
  const source = readFileSync(FILE, 'utf8');
  const at = source.indexOf(DECLARATION);
  if (at < 0) throw new Error(`eld's n-grams are not in ${FILE.pathname} as eld 2.1.0 keeps them`);
  const literal = source
    .slice(at + DECLARATION.length)
    .trim()
    .replace(/;$/u, '');
  const data = runInThisContext(`(${literal})`) as NgramData;
  last = new WeakRef(data);
  return data;
};
