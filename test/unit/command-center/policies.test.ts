import { describe, expect, it } from 'vitest';
import { quietDelayMs, type EscalationPolicy } from '../../../src/escalation/policy.js';
import { createMayPress } from '../../../src/roles/may-press.js';
import { slaTimes, type SlaPolicy } from '../../../src/sla/deadline.js';
import { weekdayCalendar } from '../../support/calendars.js';
import { memberOf } from '../../support/presser.js';

const calendar = weekdayCalendar('Europe/Athens', [9, 18], ['2026-12-25']);
const policy: SlaPolicy = {
  leadMs: 30 * 60_000,
  defaultMs: 2 * 3_600_000,
  urgentMs: 15 * 60_000,
  businessHours: true,
  calendar,
  warnShare: 0.8,
};

describe('SLA deadlines', () => {
  it('counts only business hours: a Friday 17:30 message is due Monday 10:30 (Athens)', () => {
    // Friday 2026-11-20 17:30 Athens = 15:30Z; 30 min left on Friday, 90 min on Monday from 09:00.
    const { deadline, warnAt } = slaTimes(policy, new Date('2026-11-20T15:30:00Z'), 'normal', false);
    expect(deadline.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    // 80 % of 2 h = 96 min: 30 min on Friday, 66 min on Monday → 10:06 Athens.
    expect(warnAt.toISOString()).toBe('2026-11-23T08:06:00.000Z');
  });

  it('gives leads 30 minutes and urgent 15, and skips holidays', () => {
    expect(slaTimes(policy, new Date('2026-11-23T08:00:00Z'), 'normal', true).deadline.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    expect(slaTimes(policy, new Date('2026-11-23T08:00:00Z'), 'urgent', false).deadline.toISOString()).toBe('2026-11-23T08:15:00.000Z');
    // Christmas is a Friday off: a Thursday 17:00 message finishes on Monday.
    expect(slaTimes(policy, new Date('2026-12-24T15:00:00Z'), 'normal', false).deadline.toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('uses wall time when the playbook says business_hours: false', () => {
    const wall = { ...policy, businessHours: false };
    expect(slaTimes(wall, new Date('2026-11-21T12:00:00Z'), 'normal', false).deadline.toISOString()).toBe('2026-11-21T14:00:00.000Z');
  });
});

describe('quiet hours', () => {
  const escalation: EscalationPolicy = {
    ladderMinutes: [5],
    thenDirectMessage: undefined,
    quietHours: { from: 22 * 60, to: 7 * 60 },
    timezone: 'Europe/Athens',
  };
  it('waits until the end of quiet hours across midnight', () => {
    // 23:30 Athens = 21:30Z: 7 h 30 min to 07:00.
    expect(quietDelayMs(escalation, new Date('2026-11-23T21:30:00Z'))).toBe(450 * 60_000);
    expect(quietDelayMs(escalation, new Date('2026-11-23T03:00:00Z'))).toBe(2 * 60 * 60_000);
  });
  it('does not wait outside quiet hours or without them', () => {
    expect(quietDelayMs(escalation, new Date('2026-11-23T10:00:00Z'))).toBe(0);
    expect(quietDelayMs({ ...escalation, quietHours: undefined }, new Date('2026-11-23T21:30:00Z'))).toBe(0);
  });
});

describe('roles', () => {
  const team = {
    roles: { agent: ['approve' as const, 'claim' as const], admin: ['all' as const] },
    members: { slack: { U0ADMIN: 'admin', S0AGENTS: 'agent' } },
  };
  const groups = async (actor: string) => (actor === 'slack:U0BOB' ? ['S0AGENTS'] : []);

  it('lets members press everything but Block when the playbook has no team', async () => {
    expect(await createMayPress(undefined, groups)(memberOf('slack:U0ANY'), 'claim')).toEqual({ ok: true });
    expect(await createMayPress(undefined, groups)(memberOf('slack:U0ANY'), 'block')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no team section/u),
    });
  });
  it('maps users and groups to roles and roles to buttons', async () => {
    const mayPress = createMayPress(team, groups);
    expect(await mayPress(memberOf('slack:U0ADMIN'), 'block')).toEqual({ ok: true });
    expect(await mayPress(memberOf('slack:U0BOB'), 'claim')).toEqual({ ok: true });
    expect(await mayPress(memberOf('slack:U0BOB'), 'block')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/your role \(agent\) may not press block/u),
    });
    expect(await mayPress(memberOf('slack:U0NOBODY'), 'claim')).toMatchObject({ ok: false, reason: expect.stringMatching(/no role/u) });
  });
  it('gives unlisted people the default role', async () => {
    const mayPress = createMayPress({ ...team, default_role: 'agent' }, groups);
    expect(await mayPress(memberOf('slack:U0NOBODY'), 'approve')).toEqual({ ok: true });
    expect((await mayPress(memberOf('slack:U0NOBODY'), 'resolve')).ok).toBe(false);
  });
});
