import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../../src/http/json-depth.js';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
const nestedObject = (levels: number): unknown => JSON.parse(`${'{"f":'.repeat(levels)}1${'}'.repeat(levels)}`);

describe('exceedsJsonDepth', () => {
  it('counts a bare object or array as one level and scalars as none', () => {
    expect(exceedsJsonDepth('text', 0)).toBe(false);
    expect(exceedsJsonDepth(null, 0)).toBe(false);
    expect(exceedsJsonDepth({}, 0)).toBe(true);
    expect(exceedsJsonDepth({}, 1)).toBe(false);
    expect(exceedsJsonDepth({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(exceedsJsonDepth({ a: [{ b: [] }] }, 3)).toBe(true);
  });

  it('allows exactly the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('finds the deep branch among shallow siblings, in objects and arrays', () => {
    const value = { a: 1, b: [1, 2, { c: 'x' }], d: { e: nestedObject(70) } };
    expect(exceedsJsonDepth(value)).toBe(true);
  });

  it('measures 500,000 levels without overflowing the stack', () => {
    expect(exceedsJsonDepth(nested(500_000))).toBe(true);
  });

  it('lets a realistic Meta body through', () => {
    const body = { object: 'page', entry: [{ id: '1', changes: [{ field: 'feed', value: { from: { id: '2' }, post: { id: '3' } } }] }] };
    expect(exceedsJsonDepth(body)).toBe(false);
  });
});
