import { describe, expect, it } from 'vitest';
import { formatActionsTable, formatAge } from '../../../src/cli/actions-table.js';
import type { ActionNeedingAttention } from '../../../src/store/actions.js';

const NOW = new Date('2026-11-22T12:00:00Z');

const action = (overrides: Partial<ActionNeedingAttention>): ActionNeedingAttention => ({
  id: '7',
  reason: 'unknown',
  cardId: '3',
  platform: 'facebook',
  kind: 'reply',
  attempts: 8,
  error: 'the outcome could not be confirmed',
  createdAt: new Date(NOW.getTime() - 90_000),
  ...overrides,
});

describe('the actions table', () => {
  it('aligns every column under its header', () => {
    const table = formatActionsTable(
      [
        action({}),
        action({ id: '12345', reason: 'stuck', cardId: null, platform: 'messenger', kind: 'send_dm', attempts: 1, error: null }),
      ],
      NOW,
    );
    const [header, ...rows] = table.split('\n');
    expect(header).toMatch(/^ID\s+STATE\s+CARD\s+PLATFORM\s+KIND\s+ATTEMPTS\s+AGE\s+LAST ERROR$/u);
    for (const column of ['STATE', 'CARD', 'PLATFORM', 'KIND', 'ATTEMPTS', 'AGE']) {
      const at = header!.indexOf(column);
      for (const row of rows) expect(row[at - 1], `${column} in "${row}"`).toBe(' ');
      for (const row of rows) expect(row[at], `${column} in "${row}"`).not.toBe(' ');
    }
    expect(rows[1]).toMatch(/^12345\s+stuck\s+-\s+messenger\s+send_dm\s+1\s+1m$/u);
  });

  it('keeps a long or multi-line error on one short line', () => {
    const table = formatActionsTable([action({ error: `first\nsecond ${'x'.repeat(300)}` })], NOW);
    const row = table.split('\n')[1]!;
    expect(row).toContain('first second');
    expect(row.endsWith('…')).toBe(true);
    expect(row.length).toBeLessThan(200);
  });

  it('says ages in the largest whole unit', () => {
    expect(formatAge(new Date(NOW.getTime() - 40_000), NOW)).toBe('40s');
    expect(formatAge(new Date(NOW.getTime() - 5 * 3_600_000), NOW)).toBe('5h');
    expect(formatAge(new Date(NOW.getTime() - 3 * 86_400_000), NOW)).toBe('3d');
  });
});
