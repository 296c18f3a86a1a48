import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { conversationChange } from '../../../src/pipeline/conversation-change.js';
import { contactTags } from '../../../src/pipeline/plan-actions.js';
import type { SlaPolicy } from '../../../src/sla/deadline.js';

const sla: SlaPolicy = {
  leadMs: 30 * 60_000,
  defaultMs: 2 * 3_600_000,
  urgentMs: 15 * 60_000,
  businessHours: false,
  calendar: null,
  warnShare: 0.8,
};
const at = new Date('2026-11-23T08:00:00Z');
const decision = (kind: Decision['kind'], extra: Partial<Decision> = {}): Decision => ({ kind, rule: `r-${kind}`, matched: [], ...extra });
const minutesAfter = (minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

describe('what a message’s decisions change on its conversation', () => {
  it('leaves state, response need and deadlines alone when every decision is ignore', () => {
    const change = conversationChange([decision('ignore'), decision('ignore')], [], sla, at);
    expect(change).toMatchObject({ ignored: true, priority: 'normal', qualified: false, escalated: false });
    expect(change).not.toHaveProperty('funnelState');
  });

  it('gives a handoff the default deadline, warning at the policy’s share of it', () => {
    const change = conversationChange([decision('handoff')], [], sla, at);
    expect(change.ignored).toBe(false);
    expect(change.sla.deadline.toISOString()).toBe(minutesAfter(120));
    expect(change.sla.warnAt.toISOString()).toBe(minutesAfter(96));
  });

  it('gives a lead — new, or an author already tagged lead — the lead deadline, and qualifies only a new lead', () => {
    const fresh = conversationChange([decision('lead'), decision('handoff')], [], sla, at);
    expect(fresh.qualified).toBe(true);
    expect(fresh.sla.deadline.toISOString()).toBe(minutesAfter(30));
    const known = conversationChange([decision('handoff')], ['vip', 'lead'], sla, at);
    expect(known.qualified).toBe(false);
    expect(known.sla.deadline.toISOString()).toBe(minutesAfter(30));
  });

  it('makes an escalation urgent and marks the conversation escalated', () => {
    const change = conversationChange([decision('escalate')], [], sla, at);
    expect(change).toMatchObject({ escalated: true, priority: 'urgent' });
    expect(change.sla.deadline.toISOString()).toBe(minutesAfter(15));
  });

  it('takes the funnel state of the last funnel step that moved it', () => {
    const change = conversationChange(
      [
        decision('funnel', { detail: { state: { step: 'ask_size' } } }),
        decision('funnel', { detail: { state: { step: 'ask_email' } } }),
        decision('funnel', { detail: {} }),
      ],
      [],
      sla,
      at,
    );
    expect(change.funnelState).toEqual({ step: 'ask_email' });
  });
});

describe('the tags decisions add to an author', () => {
  it('adds each tag once, and lead for a lead', () => {
    expect(contactTags([decision('tag', { tag: 'vip' }), decision('lead'), decision('tag', { tag: 'vip' }), decision('tag')])).toEqual([
      'vip',
      'lead',
    ]);
    expect(contactTags([decision('handoff')])).toEqual([]);
  });
});
