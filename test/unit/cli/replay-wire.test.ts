import { describe, expect, it } from 'vitest';
import { toEntry } from '../../../src/cli/replay-entries.js';
import type { ReplayEntry } from '../../../src/cli/replay-wire.js';
import { readBatch } from '../../../src/cli/replay-wire-read.js';
import { BatchWriter } from '../../../src/cli/replay-wire-write.js';
import { loadPlaybook } from '../../../src/playbook/load.js';

const playbook = loadPlaybook();
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    id: 'm1',
    platform: 'youtube',
    kind: 'comment',
    account_id: 'brand',
    author: { id: 'a1' },
    text: 'hello',
    created_at: '2026-10-01T12:00:00.123+02:00',
    ...fields,
  });

const LINES = [
  line({ text: 'I hate Mondays but this made my day', author: { id: 'a1', name: 'Ana', username: 'ana' } }),
  line({ text: 'zero complaints, but fuck you https://spam.example.net and mail x@example.org', outcome: 'approved' }),
  line({ text: 'check out my channel kidsmediausa . com', post: { id: 'p1', url: 'https://youtube.com/watch?v=abcdefgh' } }),
  line({ kind: 'dm', text: 'Γεια, πόσο κάνει;', thread_id: 't1', parent_id: 'p0', from_self: true, post: { id: 'p2' } }),
  line({ text: '' }),
  line({ created_at: 'yesterday' }),
  'not json',
];

describe('replay wire: a batch as it crosses threads', () => {
  it('gives back every entry as it was written: messages, languages, outcomes, text facts and skipped lines', () => {
    const entries: ReplayEntry[] = LINES.map((text, index) => toEntry({ number: index + 1, text }, playbook, [playbook, playbook]));
    const writer = new BatchWriter();
    for (const entry of entries) writer.add(entry);
    const batch = structuredClone(writer.finish(1234));
    expect(batch.bytes).toBe(1234);
    const read = readBatch(batch);
    expect(read).toEqual(entries);
    // Key order too: --json and the report see the message as the line reader gives it.
    read.forEach((entry, index) => {
      const original = entries[index] as ReplayEntry;
      if ('message' in entry && 'message' in original) expect(Object.keys(entry.message)).toEqual(Object.keys(original.message));
    });
    expect(readBatch(writer.finish(0))).toEqual([]);
  });

  it('holds undefined apart from null for negation and positivity not worked out', () => {
    const entry = toEntry({ number: 1, text: LINES[0] as string }, playbook, [playbook]);
    const writer = new BatchWriter();
    writer.add(entry);
    const [read] = readBatch(writer.finish(0));
    if (read === undefined || !('facts' in read) || read.facts === undefined) throw new Error('expected facts');
    const facts = read.facts[0];
    expect(facts?.negatedBy).toContain(undefined);
    expect(facts?.negatedBy).toContain(null);
    expect(facts?.positiveWhy).toContain('the sentence is positive after "but"');
  });
});
