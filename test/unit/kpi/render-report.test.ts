import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../adapters/chat/slack/render-report.js';
import { LIMITS } from '../../../adapters/chat/slack/slack-text.js';
import type { Report } from '../../../src/domain/report.js';
import { checkBlocks } from '../../fakes/fake-slack-blocks.js';

const report = (overrides: Partial<Report> = {}): Report => ({
  title: 'SLA right now',
  summary: '4 waiting · 1 at risk · 2 breached · oldest 11d 2h',
  sections: [
    {
      title: 'By person',
      rows: [
        { label: 'Unassigned', value: '2 waiting · 0 at risk · 1 breached' },
        { label: 'slack:U0ALICE01', value: '1 waiting', person: 'slack:U0ALICE01' },
        { label: 'discord:1234', value: '1 waiting', person: 'discord:1234' },
      ],
    },
    {
      title: 'Daily trend',
      rows: [],
      trends: [{ label: 'Messages', sparkline: '▁▁▃▃▆█▆', caption: '0–4 a day' }],
    },
  ],
  footnotes: ['At risk: 80% or more of the time used.'],
  ...overrides,
});

const sectionText = (block: KnownBlock | undefined): string => (block as SectionBlock).text?.text ?? '';

describe('renderReport', () => {
  it('puts the title in a header, the summary in bold, and one short line per figure', () => {
    const { text, blocks } = renderReport(report());
    expect(text).toBe('SLA right now: 4 waiting · 1 at risk · 2 breached · oldest 11d 2h');
    expect((blocks[0] as HeaderBlock).text.text).toBe('SLA right now');
    expect(sectionText(blocks[1])).toBe('*4 waiting · 1 at risk · 2 breached · oldest 11d 2h*');
    expect(sectionText(blocks[2])).toBe(
      ['*By person*', 'Unassigned: *2 waiting · 0 at risk · 1 breached*', '<@U0ALICE01>: *1 waiting*', 'discord:1234: *1 waiting*'].join(
        '\n',
      ),
    );
    expect(sectionText(blocks[3])).toBe(['*Daily trend*', 'Messages', '`▁▁▃▃▆█▆`  0–4 a day'].join('\n'));
    expect(blocks[4]).toEqual({ type: 'divider' });
    expect((blocks[5] as ContextBlock).elements).toEqual([{ type: 'mrkdwn', text: 'At risk: 80% or more of the time used.' }]);
    expect(checkBlocks(blocks, LIMITS.blocksPerMessage)).toEqual([]);
  });

  it('escapes Slack control characters in every field', () => {
    const { text, blocks } = renderReport(
      report({
        title: 'A & B',
        summary: '<!channel> 1 < 2',
        sections: [{ title: 'X > Y', rows: [{ label: '<@U1>', value: 'a & b' }] }],
        footnotes: ['<b>'],
      }),
    );
    expect(text).toBe('A &amp; B: &lt;!channel&gt; 1 &lt; 2');
    expect(sectionText(blocks[1])).toBe('*&lt;!channel&gt; 1 &lt; 2*');
    expect(sectionText(blocks[2])).toBe('*X &gt; Y*\n&lt;@U1&gt;: *a &amp; b*');
    expect(JSON.stringify(blocks[4])).toContain('&lt;b&gt;');
  });

  it('stays within Block Kit limits however large the report grows', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ label: `Person ${i} ${'x'.repeat(200)}`, value: 'v'.repeat(500) }));
    const huge = report({
      title: 'T'.repeat(400),
      summary: 'S'.repeat(5000),
      sections: Array.from({ length: 60 }, (_, i) => ({ title: `Section ${i}`, rows })),
      footnotes: Array.from({ length: 15 }, (_, i) => `note ${i}`),
    });
    const { text, blocks } = renderReport(huge);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(checkBlocks(blocks, LIMITS.blocksPerMessage)).toEqual([]);
    expect((blocks[0] as HeaderBlock).text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    for (const block of blocks) if (block.type === 'section') expect(sectionText(block).length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(sectionText(blocks.at(-3))).toMatch(/^_…\d+ sections are not shown: ask for a shorter period\._$/u);
    expect(text.length).toBeLessThanOrEqual(300);
    // Sections split between rows, never through one.
    expect(sectionText(blocks[3]).startsWith('Person ')).toBe(true);
  });

  it('says so when one long section runs out of room', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ label: `Row ${i}`, value: 'x'.repeat(100) }));
    const { blocks } = renderReport(report({ sections: [{ title: 'Everything', rows }] }));
    expect(blocks).toHaveLength(LIMITS.blocksPerMessage);
    expect(checkBlocks(blocks, LIMITS.blocksPerMessage)).toEqual([]);
    expect(sectionText(blocks.at(-3))).toBe('_…the rest of this section is not shown: ask for a shorter period._');
  });
});
