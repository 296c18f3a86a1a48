import { describe, expect, it } from 'vitest';
import {
  actionTarget,
  draftOutcomeOf,
  isTooLate,
  pressActionKey,
  pressText,
  refusalOf,
  stateAfterPress,
  tooLateAnswer,
} from '../../../src/cards/press-rules.js';
import type { Supports } from '../../../src/cards/supports.js';

const facebook: Supports = (platform, action) => platform === 'facebook' && action !== 'block';

describe('who pressed first', () => {
  it('lets the version the person saw through, and turns an older one away', () => {
    expect(isTooLate({ state: 'open', version: 3 }, 'approve', 3)).toBe(false);
    expect(isTooLate({ state: 'open', version: 4 }, 'approve', 3)).toBe(true);
    expect(isTooLate({ state: 'failed', version: 2 }, 'hide', 2)).toBe(false);
  });

  it('lets Acknowledge and Resolve act on an older version: they act on the conversation as it is now', () => {
    expect(isTooLate({ state: 'open', version: 9 }, 'acknowledge', 1)).toBe(false);
    expect(isTooLate({ state: 'open', version: 9 }, 'resolve', 1)).toBe(false);
    expect(isTooLate({ state: 'open', version: 9 }, 'claim', 1)).toBe(true);
  });

  it('turns every press away while an action runs, except Acknowledge and Resolve', () => {
    expect(isTooLate({ state: 'acting', version: 2 }, 'booked', 2)).toBe(true);
    expect(isTooLate({ state: 'acting', version: 2 }, 'approve', 2)).toBe(true);
    expect(isTooLate({ state: 'acting', version: 2 }, 'send_again', 2)).toBe(true);
    expect(isTooLate({ state: 'acting', version: 2 }, 'resolve', 2)).toBe(false);
    expect(isTooLate({ state: 'acting', version: 2 }, 'acknowledge', 1)).toBe(false);
  });

  it('takes only the lead funnel buttons on a resolved card', () => {
    expect(isTooLate({ state: 'resolved', version: 5 }, 'booked', 5)).toBe(false);
    expect(isTooLate({ state: 'resolved', version: 5 }, 'converted', 5)).toBe(false);
    expect(isTooLate({ state: 'resolved', version: 5 }, 'resolve', 5)).toBe(true);
    expect(isTooLate({ state: 'resolved', version: 5 }, 'booked', 4)).toBe(true);
  });

  it('names who acted last, or says someone updated the card', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const updated = new Date('2026-03-01T09:00:00Z');
    expect(tooLateAnswer({ last_actor: 'slack:U1', last_action: 'hide', last_acted_at: at, updated_at: updated })).toEqual({
      outcome: 'too_late',
      by: 'slack:U1',
      what: 'hide',
      at,
    });
    expect(tooLateAnswer({ last_actor: null, last_action: null, last_acted_at: null, updated_at: updated })).toEqual({
      outcome: 'too_late',
      by: 'someone',
      what: 'updated the card',
      at: updated,
    });
  });
});

describe('what a press sends and whether it can', () => {
  it('sends the typed text (trimmed) for Edit and the draft otherwise', () => {
    expect(pressText('edit', '  Thanks!  ', 'Draft')).toBe('Thanks!');
    expect(pressText('edit', undefined, 'Draft')).toBeUndefined();
    expect(pressText('approve', 'ignored', 'Draft')).toBe('Draft');
    expect(pressText('approve', undefined, null)).toBeUndefined();
  });

  it('refuses an action the platform cannot do, before a missing reply text', () => {
    expect(refusalOf({ button: 'block', kind: 'block', platform: 'facebook', text: undefined }, facebook)).toBe(
      'facebook does not support block.',
    );
    expect(refusalOf({ button: 'approve', kind: 'send_dm', platform: 'youtube', text: undefined }, facebook)).toBe(
      'youtube does not support send dm.',
    );
    expect(refusalOf({ button: 'approve', kind: 'reply', platform: 'facebook', text: '' }, facebook)).toBe(
      'There is no reply text to send.',
    );
    expect(refusalOf({ button: 'edit', kind: 'reply', platform: 'facebook', text: undefined }, facebook)).toBe(
      'There is no reply text to send.',
    );
    expect(refusalOf({ button: 'approve', kind: 'reply', platform: 'facebook', text: 'Hi' }, facebook)).toBeUndefined();
    expect(refusalOf({ button: 'claim', kind: undefined, platform: 'youtube', text: undefined }, facebook)).toBeUndefined();
  });

  it('keys one platform action per card version and button, aimed at the author for blocks and DMs', () => {
    expect(pressActionKey('42', 3, 'hide')).toBe('card-42-v3-hide');
    const ids = { contact: 'user-1', message: 'comment-1' };
    expect(actionTarget('block', ids)).toBe('user-1');
    expect(actionTarget('send_dm', ids)).toBe('user-1');
    expect(actionTarget('reply', ids)).toBe('comment-1');
    expect(actionTarget('hide', ids)).toBe('comment-1');
  });
});

describe('the card after a press', () => {
  it('is busy while a platform action runs', () => {
    expect(stateAfterPress('approve', 'reply', 'open')).toBe('acting');
    expect(stateAfterPress('hide', 'hide', 'failed')).toBe('acting');
    expect(stateAfterPress('send_again', undefined, 'open')).toBe('acting');
  });

  it('is resolved by Resolve, reopened from failed by anything else, and otherwise unchanged', () => {
    expect(stateAfterPress('resolve', undefined, 'failed')).toBe('resolved');
    expect(stateAfterPress('claim', undefined, 'failed')).toBe('open');
    expect(stateAfterPress('claim', undefined, 'open')).toBe('open');
    expect(stateAfterPress('booked', undefined, 'resolved')).toBe('resolved');
  });

  it('counts a draft as approved only when sent unchanged', () => {
    expect(draftOutcomeOf('approve', 'template')).toBe('approved');
    expect(draftOutcomeOf('approve', null)).toBe('approved');
    expect(draftOutcomeOf('approve', 'edited')).toBe('edited');
    expect(draftOutcomeOf('edit', 'llm')).toBe('edited');
  });
});
