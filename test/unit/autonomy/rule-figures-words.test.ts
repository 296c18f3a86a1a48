import { describe, expect, it } from 'vitest';
import { ruleFiguresWords } from '../../../src/domain/rule-figures-words.js';

const NOV_12 = new Date('2026-11-12T23:30:00Z');

describe('the rule figures line on a card', () => {
  it('says what a veto rule’s held replies became since its level began', () => {
    expect(ruleFiguresWords({ level: 'veto', rule: 'price', since: NOV_12, held: 40, sent: 38, stopped: 2 })).toBe(
      'rule price · veto since 12 Nov: 40 held, 38 sent, 2 stopped',
    );
  });

  it('says what an automatic rule sent or hid, and how much was undone; without a recorded start, no since', () => {
    expect(ruleFiguresWords({ level: 'auto', rule: 'thanks', since: NOV_12, sent: 212, hidden: 0, undone: 2 })).toBe(
      'rule thanks · auto since 12 Nov: 212 sent, 2 undone',
    );
    expect(ruleFiguresWords({ level: 'auto', rule: 'spam', sent: 0, hidden: 9, undone: 1 })).toBe('rule spam · auto: 9 hidden, 1 undone');
    expect(ruleFiguresWords({ level: 'auto', rule: 'both', sent: 3, hidden: 4, undone: 0 })).toBe(
      'rule both · auto: 3 sent, 4 hidden, 0 undone',
    );
    expect(ruleFiguresWords({ level: 'auto', rule: 'new', sent: 0, hidden: 0, undone: 0 })).toBe('rule new · auto: 0 sent, 0 undone');
  });
});
