import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayIo } from '../../../src/cli/replay.js';
import { capturedReplay } from './captured-replay.js';
import { HOSTILE, htmlFixture } from './html-fixture.js';

const fixture = htmlFixture();
afterAll(() => rmSync(fixture.folder, { recursive: true, force: true }));

const replay = (args: string[], terminals: Pick<ReplayIo, 'isTTY' | 'stdoutIsTTY'> = { isTTY: false }) => capturedReplay(args, terminals);

describe('switchboard replay --html', () => {
  const report = join(fixture.folder, 'report.html');

  it('writes one self-contained page: charts per rule and per day, examples with explanations, the diff', async () => {
    const { code, stdout } = await replay([fixture.inbox, '--diff', fixture.lenient, '--html', report]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Report written to ${report}`);
    const html = readFileSync(report, 'utf8');
    for (const id of ['rules', 'kinds', 'days', 'examples', 'diff']) expect(html).toContain(`<h2 id="${id}">`);
    expect(html.match(/<svg class="chart"/gu)?.length).toBe(3);
    expect(html).toMatch(/<h3>handoff-refund<\/h3>\s*<blockquote>/u);
    expect(html).toMatch(/<li>handoff by handoff-refund, matched &quot;[^<]+&quot;/u);
    expect(html).toMatch(/<strong>\d+<\/strong> of 301 messages would be decided differently/u);
    expect(html).toContain('<table id="changes">');
    // Nothing to fetch: no external script, style, image or font, and a policy that allows none.
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//u);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'">/u,
    );
  });

  it('escapes what people wrote: a comment with <script> is shown, never run', async () => {
    await replay([fixture.inbox, '--html', report]);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain(
      '&lt;script&gt;window.__hostile = true; alert(&quot;x&quot;)&lt;/script&gt; refund please &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quoted&quot;',
    );
    expect(html).not.toContain(HOSTILE);
    expect(html.match(/<script>/gu)?.length).toBe(1);
    expect(html).not.toContain('<img');
  });

  it('draws the progress bar for --html on a terminal, and not when stdout is not one', async () => {
    expect((await replay([fixture.inbox, '--html', report], { isTTY: true, stdoutIsTTY: true })).stderr).toContain('\r[');
    expect((await replay([fixture.inbox, '--html', report], { isTTY: true, stdoutIsTTY: false })).stderr).toBe('');
    expect((await replay([fixture.inbox, '--json'], { isTTY: true, stdoutIsTTY: false })).stderr).not.toContain('\r[');
  });

  it('refuses --json with --html', async () => {
    const { code, stderr } = await replay([fixture.inbox, '--json', '--html', report]);
    expect(code).toBe(2);
    expect(stderr).toContain('--json and --html: choose one');
  });
});
