import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../../../src/cli/replay-input.js';
import { computeKpis } from '../../../src/kpi/compute-kpis.js';
import { DEFAULT_KPI_SETTINGS, type KpiContext } from '../../../src/kpi/kpi-context.js';
import { kpiReport } from '../../../src/kpi/kpi-report.js';
import { resolvePeriod } from '../../../src/kpi/period.js';
import { slaReport } from '../../../src/kpi/sla-report.js';
import { slaStatus } from '../../../src/kpi/sla-status.js';
import { FakeGenericCallback } from '../../fakes/fake-generic-callback.js';
import { FakeX } from '../../fakes/fake-x.js';
import { GENERIC_SECRET, postGeneric, tiktokComment } from '../../fixtures/generic.js';
import { postX, tweetCreateEvent, X_ACCOUNT, X_CONSUMER_SECRET, X_TOKEN } from '../../fixtures/x.js';
import { cardsIn, eventually, startApp, useServices } from '../../support/app-harness.js';
import { runCli } from '../../support/run-cli.js';
import { cardText } from '../../support/slack-press.js';

/* Issue 10 point 7: every platform is counted apart — in replay, /kpi, /sla and the metrics. */

describe('replay input', () => {
  it('accepts every built-in platform and any generic platform name', () => {
    for (const platform of ['facebook', 'instagram', 'messenger', 'whatsapp', 'youtube', 'x', 'tiktok', 'linkedin', 'google-reviews']) {
      const parsed = parseLine(
        JSON.stringify({ ...tiktokComment({ id: `m-${platform}`, authorId: 'a', authorName: 'Sam Replay', text: 'hi' }), platform }),
      );
      expect(parsed, platform).toMatchObject({ ok: true, message: { platform } });
    }
  });

  it('summarises per platform', { timeout: 120_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-replay-')), 'mixed.jsonl');
    const lines = ['x', 'tiktok', 'youtube', 'whatsapp'].map((platform, index) =>
      JSON.stringify({
        ...tiktokComment({ id: `r-${index}`, authorId: `a-${index}`, authorName: 'Sam Replay', text: 'I want a refund' }),
        platform,
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { code, stdout } = await runCli(['replay', file], {});
    expect(code).toBe(0);
    for (const platform of ['x', 'tiktok', 'youtube', 'whatsapp'])
      expect(stdout).toMatch(new RegExp(`^\\s+${platform} comment\\s+1\\b`, 'mu'));
  });
});

describe('/kpi, /sla and the metrics split by platform', () => {
  const context = useServices();
  const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN });
  const receiver = new FakeGenericCallback(GENERIC_SECRET);
  let appUrl = '';
  let kpi: KpiContext;

  beforeAll(async () => {
    const app = await startApp(context.services, {
      env: {
        X_USER_ID: X_ACCOUNT.id,
        X_ACCESS_TOKEN: X_TOKEN,
        X_CONSUMER_SECRET,
        X_API_URL: (await fake.start()).url,
        GENERIC_WEBHOOK_SECRET: GENERIC_SECRET,
        GENERIC_CALLBACK_URL: (await receiver.start()).url,
      },
    });
    context.running.push(app);
    appUrl = app.url ?? '';
    kpi = { db: context.services.database.db, now: () => new Date(), timeZone: 'UTC', settings: DEFAULT_KPI_SETTINGS };
    const author = { id: '2400000000000000001', name: 'Pat Mention', screen_name: 'patmention' };
    expect(
      (await postX(appUrl, tweetCreateEvent({ id: '1860000000000000999', text: 'I want a refund now', user: author, at: new Date() })))
        .status,
    ).toBe(200);
    const comment = tiktokComment({ id: 'tt-kpi-1', authorId: 'tt-kpi-author', authorName: 'Lee Tiktok', text: 'I want a refund now' });
    expect((await postGeneric(appUrl, { ...comment, created_at: new Date().toISOString() })).status).toBe(200);
    for (const name of ['Pat Mention', 'Lee Tiktok']) {
      await eventually(async () => cardsIn(context.services).find((card) => cardText(card).includes(name)), `the card for ${name}`);
    }
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it('/sla counts the awaiting conversations per platform', async () => {
    const status = await slaStatus(kpi);
    const platforms = status.byPlatform.map((row) => row.platform);
    expect(platforms).toEqual(expect.arrayContaining(['x', 'tiktok']));
    const report = JSON.stringify(slaReport(status, DEFAULT_KPI_SETTINGS));
    expect(report).toContain('"label":"X"');
    expect(report).toContain('"label":"Tiktok"');
  });

  it('/kpi counts the messages per platform', async () => {
    const figures = await computeKpis(kpi, resolvePeriod({ kind: 'days', days: 7 }, new Date(), 'UTC'));
    const report = JSON.stringify(kpiReport(figures, DEFAULT_KPI_SETTINGS, 'UTC'));
    expect(report).toContain('"label":"X"');
    expect(report).toContain('"label":"Tiktok"');
  });

  it('/metrics labels inbound events with their platform', async () => {
    const metrics = await (await fetch(`${appUrl}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_events_total\{source="x",platform="x",outcome="stored"\} 1/u);
    expect(metrics).toMatch(/switchboard_events_total\{source="generic",platform="tiktok",outcome="stored"\} 1/u);
  });
});
