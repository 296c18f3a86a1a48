import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../src/cli/replay-input.js';

const base = {
  id: 'c1',
  platform: 'facebook',
  kind: 'comment',
  account_id: 'brand',
  author: { id: 'a1', name: 'Ana' },
  text: 'hello',
  post: { id: 'p1' },
  created_at: '2026-10-01T12:00:00.000Z',
};

const line = (change: Record<string, unknown>): string => JSON.stringify({ ...base, ...change });

// parseLine checks the common shape by hand before zod: it must accept and refuse exactly what zod does.
describe('replay input: the hand-checked fast path agrees with the schema', () => {
  it('keeps only the schema’s keys, as zod does', () => {
    const parsed = parseLine(line({ extra: 1, author: { id: 'a1', name: 'Ana', avatar: 'x' }, post: { id: 'p1', url: 'u', x: 2 } }));
    expect(parsed).toEqual({
      ok: true,
      message: {
        externalId: 'c1',
        platform: 'facebook',
        kind: 'comment',
        accountId: 'brand',
        author: { id: 'a1', name: 'Ana' },
        text: 'hello',
        createdAt: new Date('2026-10-01T12:00:00.000Z'),
        fromSelf: false,
        post: { id: 'p1', url: 'u' },
      },
    });
    expect(Object.keys((parsed as { message: object }).message)).not.toContain('threadId');
  });

  it('reads the optional fields', () => {
    const parsed = parseLine(
      line({ kind: 'dm', thread_id: 't', parent_id: 'p', from_self: true, created_at: '2026-10-01T14:00:00+02:00' }),
    );
    expect(parsed.ok && parsed.message).toMatchObject({ kind: 'dm', threadId: 't', parentId: 'p', fromSelf: true });
    expect(parsed.ok && parsed.message.createdAt.toISOString()).toBe('2026-10-01T12:00:00.000Z');
  });

  it.each([
    [{ id: '' }, 'id'],
    [{ kind: 'tweet' }, 'kind'],
    [{ author: { name: 'no id' } }, 'author.id'],
    [{ author: ['a1'] }, 'author'],
    [{ post: { id: 7 } }, 'post.id'],
    [{ post: null }, 'post'],
    [{ text: null }, 'text'],
    [{ from_self: 'yes' }, 'from_self'],
    [{ thread_id: 3 }, 'thread_id'],
    [{ created_at: '2026-02-30T12:00:00Z' }, 'created_at'],
    [{ created_at: '2026-10-01T12:00:00' }, 'created_at'],
    [{ created_at: '2026-10-01' }, 'created_at'],
  ])('refuses %j, naming %s', (change, path) => {
    const parsed = parseLine(line(change));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.startsWith(`${path}:`)).toBe(true);
  });

  it('refuses what is not an object', () => {
    expect(parseLine('[1]')).toMatchObject({ ok: false });
    expect(parseLine('"text"')).toMatchObject({ ok: false });
    expect(parseLine('{')).toEqual({ ok: false, error: 'not valid JSON' });
  });
});
