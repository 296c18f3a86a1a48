import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';

export type DocPath = readonly (string | number)[];

interface Located {
  line: number;
  col: number;
}

const keyOf = (key: unknown): unknown => (isScalar(key) ? key.value : key);

/**
 * The line and column of the deepest node on `path` that exists (or of `key` inside it),
 * so an error points at the offending value, or at the map that lacks a required key.
 */
export const locate = (doc: Document, lineCounter: LineCounter, path: DocPath, key?: string): Located => {
  let node: unknown = doc.contents;
  let offset = (doc.contents?.range?.[0] ?? 0) as number;
  const steps = key === undefined ? path : [...path, key];
  for (const [index, step] of steps.entries()) {
    const isLast = index === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => String(keyOf(item.key)) === String(step));
      if (pair === undefined) break;
      const target = isLast && key !== undefined ? pair.key : (pair.value ?? pair.key);
      const range = (target as { range?: [number, number, number] } | null)?.range;
      if (range) offset = range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) break;
      const range = (item as { range?: [number, number, number] }).range;
      if (range) offset = range[0];
      node = item;
    } else {
      break;
    }
  }
  const position = lineCounter.linePos(offset);
  return { line: position.line, col: position.col };
};

/** `rules[3].when.keywords` */
export const formatPath = (path: DocPath): string =>
  path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step), '');

export interface PlainIssue {
  path: DocPath;
  message: string;
  key?: string;
}

/** Zod's first issue in words; for a union, the branch that got furthest explains best. */
export const plainIssue = (issue: z.core.$ZodIssue): PlainIssue => {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((inner) => inner.path.length));
    const deepest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
    const first = deepest[0];
    if (first !== undefined && depth(deepest) > 0) {
      const inner = plainIssue(first);
      return { ...inner, path: [...issue.path.map(toStep), ...inner.path] };
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { path: issue.path.map(toStep), key, message: `unexpected key "${key}" (check the spelling; see docs/playbook.md)` };
  }
  return { path: issue.path.map(toStep), message: issue.message.replace(/^Invalid input: /u, '') };
};

const toStep = (step: PropertyKey): string | number => (typeof step === 'number' ? step : String(step));
