import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packFoldedNotes, NOTES_PER_FLUSH } from '../../../src/cards/flush-storm.js';
import { stormWords } from '../../../src/domain/storm-words.js';
import { defaultPlaybookPath } from '../../../src/playbook/index.js';
import { stormRules } from '../../../src/playbook/storm-rules.js';
import { playbookSchema } from '../../../src/playbook-spec/schema.js';
import type { FoldedLine } from '../../../src/store/storm-folds.js';

const folded = (n: number, text: string | null = `Terrible quality, awful, so disappointed, order number ${n}`): FoldedLine => ({
  placementId: String(1000 + n),
  cardId: String(n),
  reason: 'handoff-negative',
  author: `Storm Person ${n}`,
  text,
});

describe("a storm card's thread lines", () => {
  it('packs several folded cards into each message, within Discord’s 2,000 characters, each listed once and in order', () => {
    const lines = Array.from({ length: 25 }, (_, n) => folded(n));
    const notes = packFoldedNotes(lines);
    expect(notes.length).toBeGreaterThan(1);
    expect(notes.length).toBeLessThanOrEqual(NOTES_PER_FLUSH);
    for (const note of notes) expect(note.text.length).toBeLessThanOrEqual(1_600);
    const listed = notes.flatMap((note) => note.text.split('\n').filter((line) => line.startsWith('• #')));
    expect(listed).toHaveLength(25);
    expect(listed[0]).toBe('• #0 handoff-negative · Storm Person 0: “Terrible quality, awful, so disappointed, order number 0”');
    expect(notes.at(-1)?.through).toBe('1024');
  });

  it('stops at the messages one update may post, saying through which folded card it listed', () => {
    const notes = packFoldedNotes(Array.from({ length: 200 }, (_, n) => folded(n)));
    expect(notes).toHaveLength(NOTES_PER_FLUSH);
    const listed = notes.flatMap((note) => note.text.split('\n').filter((line) => line.startsWith('• #')));
    expect(notes.at(-1)?.through).toBe(String(1000 + listed.length - 1));
  });

  it('shows no text of an erased comment', () => {
    const [note] = packFoldedNotes([folded(1, null)]);
    expect(note?.text).toContain("removed at the author's request");
  });
});

describe("a storm card's fold section", () => {
  it('counts by reason, quotes the newest, and says what Post as cards would post', () => {
    const words = stormWords({
      total: 47,
      waiting: 12,
      byReason: [
        { reason: 'handoff-negative', count: 27 },
        { reason: 'handoff-repeat-author', count: 20 },
      ],
      latest: [{ author: 'Ana', text: 'So disappointed' }, { author: 'Ben' }],
    });
    expect(words.title).toContain('47 handoffs on this post folded into this card');
    expect(words.byReason).toBe('handoff-negative ×27, handoff-repeat-author ×20');
    expect(words.waiting).toContain('12 are still open');
    expect(words.waiting).toContain('“Post as cards”');
    expect(words.latest).toEqual([
      { author: 'Ana', text: 'So disappointed' },
      { author: 'Ben', text: "removed at the author's request" },
    ]);
  });
});

describe('the rules whose cards are storm cards', () => {
  const defaults = parse(readFileSync(defaultPlaybookPath(), 'utf8')) as { rules: { id: string; then: Record<string, unknown>[] }[] };

  it("are the default playbook's post-scope handoff, folding by default", () => {
    expect([...stormRules(playbookSchema.parse(defaults))]).toEqual(['post-volume']);
  });

  it('leave out a post-scope handoff with fold: false', () => {
    for (const action of defaults.rules.find((rule) => rule.id === 'post-volume')!.then) {
      if (action.handoff) action.handoff = { ...(action.handoff as object), fold: false };
    }
    expect([...stormRules(playbookSchema.parse(defaults))]).toEqual([]);
  });
});
