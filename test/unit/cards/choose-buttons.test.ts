import { describe, expect, it } from 'vitest';
import { type ButtonFacts, chooseButtons } from '../../../src/cards/choose-buttons.js';
import type { Supports } from '../../../src/cards/supports.js';

const everything: Supports = () => true;
const noModeration: Supports = (_platform, action) => action === 'reply' || action === 'send_dm';

const fresh: ButtonFacts = {
  replied: false,
  hidden: false,
  isDm: false,
  platform: 'facebook',
  assigned: false,
  escalated: false,
  awaitingAcknowledge: false,
  isLead: false,
  booked: false,
  converted: false,
};
const open = { state: 'open' as const, draft: 'Hi there' };

describe('the buttons a card offers', () => {
  it('offers everything that can work on a new comment card', () => {
    expect(chooseButtons(open, fresh, everything)).toEqual([
      'approve',
      'edit',
      'claim',
      'escalate',
      'hide',
      'block',
      'tag_lead',
      'resolve',
    ]);
  });

  it('offers only Resolve, and Acknowledge while an escalation waits, while an action runs', () => {
    expect(chooseButtons({ ...open, state: 'acting' }, fresh, everything)).toEqual(['resolve']);
    expect(chooseButtons({ ...open, state: 'acting' }, { ...fresh, awaitingAcknowledge: true }, everything)).toEqual([
      'acknowledge',
      'resolve',
    ]);
  });

  it('offers Send again first when an action’s outcome could not be confirmed', () => {
    const buttons = chooseButtons(open, { ...fresh, replied: true, outcomeUnknown: true }, everything);
    expect(buttons[0]).toBe('send_again');
    expect(buttons).not.toContain('approve');
    expect(chooseButtons(open, fresh, everything)).not.toContain('send_again');
  });

  it('offers only the next funnel step once resolved', () => {
    const resolved = { ...open, state: 'resolved' as const };
    expect(chooseButtons(resolved, fresh, everything)).toEqual([]);
    expect(chooseButtons(resolved, { ...fresh, isLead: true }, everything)).toEqual(['booked', 'converted']);
    expect(chooseButtons(resolved, { ...fresh, isLead: true, booked: true }, everything)).toEqual(['converted']);
    expect(chooseButtons(resolved, { ...fresh, isLead: true, booked: true, converted: true }, everything)).toEqual([]);
  });

  it('leaves out what was done already', () => {
    const done = { ...fresh, replied: true, assigned: true, escalated: true, hidden: true, isLead: true };
    expect(chooseButtons(open, done, everything)).toEqual(['unhide', 'block', 'booked', 'converted', 'resolve']);
  });

  it('asks for Acknowledge instead of Escalate while an escalation waits', () => {
    expect(chooseButtons(open, { ...fresh, escalated: true, awaitingAcknowledge: true }, everything)).toContain('acknowledge');
    expect(chooseButtons(open, { ...fresh, escalated: true, awaitingAcknowledge: true }, everything)).not.toContain('escalate');
  });

  it('offers Edit but not Approve without a draft, and no moderation the platform lacks or a DM cannot have', () => {
    expect(chooseButtons({ ...open, draft: null }, fresh, noModeration)).toEqual(['edit', 'claim', 'escalate', 'tag_lead', 'resolve']);
    expect(chooseButtons(open, { ...fresh, isDm: true }, everything)).toEqual([
      'approve',
      'edit',
      'claim',
      'escalate',
      'block',
      'tag_lead',
      'resolve',
    ]);
  });
});

describe('the buttons of a card whose comment its author deleted', () => {
  it('offers no reply, hide or unhide, and still offers Resolve', () => {
    const buttons = chooseButtons(open, { ...fresh, deleted: true }, everything);
    for (const gone of ['approve', 'edit', 'hide', 'unhide'] as const) expect(buttons).not.toContain(gone);
    expect(buttons).toContain('resolve');
    expect(chooseButtons(open, { ...fresh, hidden: true, deleted: true }, everything)).not.toContain('unhide');
  });
});
