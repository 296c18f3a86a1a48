import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../../src/cli/replay.js';
import { chromiumMissing, openHeadlessPage } from '../../support/headless-chromium.js';
import { htmlFixture } from './html-fixture.js';

/*
 * The report as a person sees it: headless Chromium opens the page, nothing logs an error
 * (a script or style the page's security policy refused would), the charts have drawn, no
 * comment's script ran, and a screenshot is taken (kept next to the report while the test runs).
 */

const fixture = htmlFixture();
afterAll(() => rmSync(fixture.folder, { recursive: true, force: true }));
const missing = chromiumMissing();

interface Rendered {
  charts: string | undefined;
  bars: number;
  segments: number;
  hostileRan: boolean;
  width: number;
}

describe.skipIf(missing !== undefined)(`replay --html in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('opens with no console errors, renders its charts and runs no comment', async () => {
    const report = join(fixture.folder, 'report.html');
    const sink = { write: () => true };
    expect(
      await runReplay([fixture.inbox, '--diff', fixture.lenient, '--html', report], { stdout: sink, stderr: sink, isTTY: false }),
    ).toBe(0);
    const page = await openHeadlessPage();
    try {
      await Promise.all(['Runtime.enable', 'Log.enable', 'Page.enable'].map((method) => page.send(method)));
      const loaded = page.waitFor('Page.loadEventFired');
      await page.send('Page.navigate', { url: pathToFileURL(report).href });
      await loaded;
      const { result } = (await page.send('Runtime.evaluate', {
        returnByValue: true,
        expression: `({
          charts: document.body.dataset.charts,
          bars: document.querySelectorAll('svg.chart g.bar rect').length,
          segments: document.querySelectorAll('svg.chart g.column rect').length,
          hostileRan: window.__hostile === true,
          width: document.querySelector('svg.chart').getBoundingClientRect().width,
        })`,
      })) as { result: { value: Rendered } };
      const rendered = result.value;
      expect(rendered.charts).toBe('3');
      expect(rendered.bars).toBeGreaterThan(10);
      expect(rendered.segments).toBeGreaterThan(10);
      expect(rendered.width).toBeGreaterThan(300);
      expect(rendered.hostileRan).toBe(false);
      const { data } = (await page.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true })) as { data: string };
      const png = Buffer.from(data, 'base64');
      writeFileSync(join(fixture.folder, 'report.png'), png);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
      const errors = page.events.filter(
        (event) =>
          event.method === 'Runtime.exceptionThrown' ||
          event.method === 'Page.javascriptDialogOpening' ||
          (event.method === 'Runtime.consoleAPICalled' && event.params?.type === 'error') ||
          (event.method === 'Log.entryAdded' && (event.params?.entry as { level?: string } | undefined)?.level === 'error'),
      );
      expect(errors).toEqual([]);
      expect(readFileSync(report, 'utf8')).toContain('<svg class="chart"');
    } finally {
      await page.close();
    }
  }, 120_000);
});
