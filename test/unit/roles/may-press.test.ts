import { describe, expect, it } from 'vitest';
import type { TeamSpec } from '../../../src/playbook-spec/schema-team.js';
import { createMayPress } from '../../../src/roles/may-press.js';
import { memberOf } from '../../support/presser.js';

const noGroups = async () => [];
const team: TeamSpec = {
  roles: { agent: ['approve', 'claim', 'hide'], analyst: ['reports'], lead: ['all'] },
  members: { slack: { U0LEAD: 'lead', U0GUEST: 'agent', U0PARTNER: 'agent', U0ANALYST: 'analyst' } },
  default_role: 'agent',
};

describe('who may do what, without a team section', () => {
  const mayPress = createMayPress(undefined, noGroups);

  it('lets members press everything except Block, and see reports', async () => {
    for (const permission of ['approve', 'hide', 'claim', 'escalate', 'resolve', 'reports'] as const) {
      expect(await mayPress(memberOf('slack:U0ANY'), permission)).toEqual({ ok: true });
    }
  });

  it('refuses Block to everyone, saying a team section is needed', async () => {
    expect(await mayPress(memberOf('slack:U0ANY'), 'block')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^block needs a role that the playbook grants, and this playbook has no team section yet/u),
    });
  });

  it('refuses guests, people from other organisations and people it could not look up, anything at all', async () => {
    const guest = await mayPress(memberOf('slack:U0G', { guest: true }), 'approve');
    expect(guest).toMatchObject({ ok: false, reason: expect.stringMatching(/^guests of the workspace may not act here/u) });
    const stranger = await mayPress(memberOf('slack:U0S', { external: true }), 'reports');
    expect(stranger).toMatchObject({ ok: false, reason: expect.stringMatching(/^people from other organisations/u) });
    const partner = await mayPress(memberOf('slack:U0P', { actorWorkspace: 'T0PARTNER' }), 'claim');
    expect(partner).toMatchObject({ ok: false, reason: expect.stringMatching(/^people from other organisations/u) });
    const unknown = await mayPress(memberOf('slack:U0U', { guest: undefined }), 'claim');
    expect(unknown).toMatchObject({ ok: false, reason: expect.stringMatching(/could not look you up in slack/u) });
  });

  it('counts nothing from another workspace, or when it does not know its own', async () => {
    expect(await mayPress(memberOf('slack:U0ANY', { workspace: 'T0OTHER' }), 'claim')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^this came from another workspace \(T0OTHER\)/u),
    });
    expect(await mayPress(memberOf('slack:U0ANY', { homeWorkspace: undefined }), 'claim')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/could not confirm which slack workspace it serves/u),
    });
  });
});

describe('who may do what, with a team section', () => {
  const mayPress = createMayPress(team, async (actor) => (actor === 'slack:U0GROUPED' ? ['S0LEADS'] : []));

  it('lets guests and people from other organisations act only when named, as their role allows', async () => {
    expect(await mayPress(memberOf('slack:U0GUEST', { guest: true }), 'hide')).toEqual({ ok: true });
    expect((await mayPress(memberOf('slack:U0GUEST', { guest: true }), 'block')).ok).toBe(false);
    expect(await mayPress(memberOf('slack:U0PARTNER', { actorWorkspace: 'T0PARTNER' }), 'claim')).toEqual({ ok: true });
    expect(await mayPress(memberOf('slack:U0OTHERGUEST', { guest: true }), 'hide')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/unless the playbook's team section names them/u),
    });
  });

  it('never gives the default role to guests', async () => {
    expect(await mayPress(memberOf('slack:U0NOBODY'), 'approve')).toEqual({ ok: true });
    expect((await mayPress(memberOf('slack:U0NOBODY', { guest: true }), 'approve')).ok).toBe(false);
  });

  it('grants reports only to roles that list them (or all)', async () => {
    expect(await mayPress(memberOf('slack:U0NOBODY'), 'reports')).toEqual({
      ok: false,
      reason: 'your role (agent) may not run reports (/sla, /kpi); ask a lead or an admin.',
    });
    expect(await mayPress(memberOf('slack:U0ANALYST'), 'reports')).toEqual({ ok: true });
    expect(await mayPress(memberOf('slack:U0LEAD'), 'reports')).toEqual({ ok: true });
  });

  it('refuses a named lead pressing from another workspace', async () => {
    expect((await mayPress(memberOf('slack:U0LEAD', { workspace: 'T0OTHER' }), 'block')).ok).toBe(false);
  });
});
