import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../commands/command.js';
import kpi from '../../../commands/kpi.js';
import sla from '../../../commands/sla.js';
import { AUTONOMY_FOOTNOTE } from '../../../src/kpi/autonomy-report.js';
import { weeklyDigest } from '../../../src/kpi/digest.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';
import { NOW, seedFixture, ZONE, type SeededFixture } from './fixture.js';

let database: IsolatedDatabase;
let fixture: SeededFixture;
let ctx: CommandContext;

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await seedFixture(database.db);
  ctx = {
    db: database.db,
    now: () => NOW,
    timeZone: ZONE,
    settings: { orderValue: 300, monthlyCost: 487, currency: 'USD', slaWarningShare: 0.8 },
  };
});
afterAll(async () => {
  await database?.drop();
});

describe('/kpi 7d on the fixture', () => {
  it('prints the figures worked out by hand', async () => {
    // Period: 6–12 June in Athens = 2025-06-05T21:00Z until now. c9 started on 1 June, so it is
    // outside every conversation figure; its follow-up message of 11 June is inside the volume.
    const report = await kpi.execute(ctx, kpi.parse('7d'));
    expect(report).toEqual({
      title: 'KPIs · Last 7 days',
      // 12 inbound messages; medians 1m (automated) and 1h (people); SLA 4 of 6; 4 of 12 automated.
      summary: '12 messages · 1st reply 1m auto / 1h people · SLA 66.7% · 33.3% automated',
      sections: [
        {
          title: 'Volume',
          rows: [
            // Inbound: c1 1 + c2 2 + c3 2 + c4 1 + c5 1 + c6 1 + c7 1 + c8 1 + c9's follow-up 1 + c10 1 = 12.
            { label: 'Inbound messages', value: '12' },
            // Comments c1 c2 c6 c8 c10 = 5, replies c2 c9 = 2, DM c5 = 1.
            { label: 'Facebook', value: '8 · 5 comments, 2 replies, 1 DM' },
            // DMs c3 ×2 and c4 = 3, comment c7 = 1.
            { label: 'Instagram', value: '4 · 3 DMs, 1 comment' },
          ],
        },
        {
          title: 'First response',
          rows: [
            // Automated: c1 30 s, c2 90 s → median 60 s; p90 = 30 + 0.9 × (90 − 30) = 84 s.
            { label: 'Automated', value: 'median 1m · p90 1m 24s (2)' },
            // People: c3 20 min, c10 60 min, c4 180 min → median 60 min;
            // p90 at rank 0.9 × 2 = 1.8: 60 + 0.8 × (180 − 60) = 156 min = 2 h 36 min.
            { label: 'People', value: 'median 1h · p90 2h 36m (3)' },
            // Due: answered c1 c2 c3 c4 c10, plus c5 whose deadline (11:00) passed unanswered = 6;
            // c6 and c7 are still in time; c8 needs no response. Met: c1 c2 c3 c10 = 4 (c4 was an hour late).
            { label: 'Within SLA', value: '66.7% (4 of 6)' },
          ],
        },
        {
          title: 'Outcomes',
          rows: [
            // Resolved: c1 c3 c4 c10; of those c3 and c10 were escalated → 2 of 4.
            { label: 'Resolved without escalation', value: '50% (2 of 4)' },
            // handled_by = 'rules': c1, c2's first message, c8, c9's follow-up → 4 of 12.
            { label: 'Automation rate', value: '33.3% (4 of 12)' },
            // Automated decisions in the period: c1 and c2 auto_reply, c7 hide, c8 ignore, c9's tag = 5
            // (c3's handoff/escalate and c10's draft wait for a person; c9's first auto_reply is from 1 June).
            // Reversed by a person: c7's hide (unhidden) and c8's ignore → 2 of 5.
            { label: 'Intervention rate', value: '40% (2 of 5)' },
            // c3 and c10 escalated; c3 acknowledged 07:05 → 07:09.
            { label: 'Escalations', value: '2 · 1 acknowledged in 4m (median)' },
          ],
        },
        {
          title: 'Drafts',
          rows: [
            // Drafts on cards in the period, one per message: c3 (on Slack and Discord), c4, c10, c5 = 4.
            // c3 approved, c4 edited, c10 rejected → 3 acted on; c5's still waits. c6's card has no draft.
            { label: 'Sent unchanged', value: '33.3% (1 of 3)' },
            { label: 'Edited', value: '33.3% (1 of 3)' },
            { label: 'Rejected', value: '33.3% (1 of 3)' },
            { label: 'Not acted on yet', value: '1' },
          ],
        },
        {
          title: 'Lead funnel',
          rows: [
            // DMs started in the period: c3, c4, c5. Qualified c3 c4; booked c3 c4; converted c4.
            { label: 'DMs', value: '3' },
            { label: 'Qualified', value: '66.7% (2 of 3)' },
            { label: 'Booked', value: '100% (2 of 2)' },
            { label: 'Converted', value: '50% (1 of 2)' },
            // Revenue 1 × $300. Cost $487 a month × 7 days ÷ 30.4375 days a month = $112.
            // ROI (300 − 112) ÷ 112 = 1.6786 → 167.9 %.
            { label: 'ROI', value: '167.9% ($300 revenue, $112 cost)' },
          ],
        },
        {
          title: 'Autonomy by rule',
          rows: [
            // The only draft decision in the period is c10's, rejected; no rule was ever at veto or auto.
            { label: 'fixture-draft (draft)', value: '1 · approved 0% · vetoed — · undone —' },
            // No veto sent, no automatic action; c3's approval has no person's reply on record to time it by.
            { label: 'Human work saved', value: '— (0 drafts needed no approval; no approvals to time them by)' },
          ],
        },
        {
          title: 'Daily trend',
          rows: [],
          trends: [
            // Inbound per Athens day 6…12 June: 0, 0, 1 (c10), 1 (c8), 3 (c1, c2 ×2), 4 (c3 ×2, c4, c9), 3 (c5 c6 c7).
            // Bars over 0…4: 1 → 1.75 → ▃, 3 → 5.25 → ▆, 4 → █.
            { label: 'Messages', sparkline: '▁▁▃▃▆█▆', caption: '0–4 a day' },
            // Median first response by start day: 8 June 1 h (c10), 10 June 60 s (c1 c2),
            // 11 June (20 min + 180 min) ÷ 2 = 100 min (c3 c4); no replies on the other days.
            // 1 h over 1 min…100 min: (3600 − 60) ÷ (6000 − 60) × 7 = 4.17 → ▅.
            { label: 'First response (median)', sparkline: '··▅·▁█·', caption: '1m–1h 40m (· = no replies)' },
          ],
        },
      ],
      footnotes: [
        'Conversations count on the day they started; days are in Europe/Athens.',
        'First response is wall time from the first message to the first reply; "within SLA" compares it with the business-hours deadline, over conversations answered or past their deadline.',
        'ROI assumes $300 per converted lead and $487 a month.',
        AUTONOMY_FOOTNOTE,
      ],
    });
  });

  it('today counts only what happened since Athens midnight', async () => {
    // 12 June: c5 c6 c7 started, none answered; c5's deadline has passed → due 1, met 0.
    const report = await kpi.execute(ctx, kpi.parse('today'));
    expect(report.title).toBe('KPIs · Today');
    expect(report.summary).toBe('3 messages · SLA 0% · 0% automated');
    expect(report.sections.map((section) => section.title)).not.toContain('Daily trend');
  });
});

describe('/sla on the fixture', () => {
  it('prints what is waiting right now, worked out by hand', async () => {
    const report = await sla.execute(ctx, sla.parse(''));
    expect(report).toEqual({
      title: 'SLA right now',
      summary: '4 unanswered · 1 at risk · 2 breached · oldest 11d 2h',
      sections: [
        {
          title: 'Right now',
          rows: [
            // open: c5 c6 c7 c9; waiting: c2 (answered, waiting on the customer).
            { label: 'Open conversations', value: '5 (4 open · 1 waiting)' },
            // Needing a response and never answered: c5 c6 c7 c9.
            { label: 'Unanswered', value: '4' },
            // c7: 90 of 105 min = 85.7 % ≥ 80 %; c6: 60 of 120 min = 50 %.
            { label: 'At risk', value: '1' },
            // Deadline passed: c5 (11:00 today) and c9 (1 June).
            { label: 'Breached', value: '2' },
            // c9: 1 June 10:00 → 12 June 12:00 = 11 d 2 h; deadline 1 June 12:00 → overdue 11 d.
            { label: 'Oldest unanswered', value: `11d 2h · Facebook comment · overdue by 11d · #${fixture.conversationIds.c9}` },
          ],
        },
        {
          title: 'By platform',
          rows: [
            { label: 'Facebook', value: '3 unanswered · 0 at risk · 2 breached' },
            { label: 'Instagram', value: '1 unanswered · 1 at risk · 0 breached' },
          ],
        },
        {
          title: 'By person',
          // Most breached first, then most at risk, then most unanswered: nobody's (c6, c9) before Alice (c5), then Bob (c7).
          rows: [
            { label: 'Unassigned', value: '2 unanswered · 0 at risk · 1 breached' },
            { label: 'slack:U0ALICE01', value: '1 unanswered · 0 at risk · 1 breached', person: 'slack:U0ALICE01' },
            { label: 'slack:U0BOB0001', value: '1 unanswered · 1 at risk · 0 breached', person: 'slack:U0BOB0001' },
          ],
        },
      ],
      footnotes: ['At risk: 80% or more of the time to the deadline used (wall time), not yet breached.'],
    });
  });

  it('a lower warning share puts more at risk', async () => {
    // At 50 % c6 (exactly half its time used) joins c7.
    const report = await sla.execute({ ...ctx, settings: { ...ctx.settings, slaWarningShare: 0.5 } }, {});
    expect(report.summary).toBe('4 unanswered · 2 at risk · 2 breached · oldest 11d 2h');
  });
});

describe('weeklyDigest on the fixture', () => {
  it('compares the last 7 complete days with the 7 before', async () => {
    // This week is 5–11 June (Athens): the 12 June messages (c5 c6 c7) are out → 9 inbound, 4 by rules.
    // The week before (29 May – 4 June) holds only c9's first message: 1 inbound, none automated.
    const report = await weeklyDigest(ctx);
    expect(report.title).toBe('Weekly digest · 5 Jun – 11 Jun 2025');
    // 9 against 1: +800 %. SLA: due c1 c2 c3 c4 c10, met all but c4 → 80 %. 4 of 9 automated = 44.4 %.
    expect(report.summary).toBe('9 messages (+800%) · SLA 80% · 44.4% automated');
    const rows = Object.fromEntries(report.sections[0]!.rows.map((row) => [row.label, row.value]));
    expect(rows).toMatchObject({
      Messages: '9 (▲ from 1)',
      // c9 was due (deadline passed) and missed → 0 % the week before.
      'Within SLA': '80% (▲ from 0%)',
      'Automation rate': '44.4% (▲ from 0%)',
      // Nothing was answered the week before: no median to compare with.
      'First reply, automated (median)': '1m',
      Escalations: '2 (▲ from 0)',
    });
    expect(report.footnotes[0]).toBe('Compared with 29 May – 4 Jun 2025.');
  });
});
