import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturedReplay } from './captured-replay.js';

const folder = mkdtempSync(join(tmpdir(), 'replay-autonomy-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PLAYBOOK = `version: 1
templates:
  thanks: { en: "Thank you so much!" }
  hours: { en: "We are open 9 to 5." }
graduation: { min_drafts: 5 }
rules:
  - id: thanks
    when: { keywords: [thank you] }
    then: [{ draft: thanks }]
  - id: hours
    when: { keywords: [opening hours] }
    then: [{ draft: hours }]
    autonomy: auto
`;

let minute = 0;
const line = (text: string, outcome?: string) => {
  minute += 1;
  const at = new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();
  return JSON.stringify({
    id: `m${minute}`,
    platform: 'generic',
    kind: 'comment',
    account_id: 'acct',
    author: { id: `a${minute}` },
    text,
    created_at: at,
    ...(outcome === undefined ? {} : { outcome }),
  });
};

const replay = async (lines: string[], extra: string[] = []) => {
  const playbook = join(folder, 'playbook.yaml');
  const file = join(folder, `in-${minute}.jsonl`);
  writeFileSync(playbook, PLAYBOOK);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return capturedReplay([file, '--playbook', playbook, ...extra]);
};

const history = () => [
  ...Array.from({ length: 5 }, (_, index) => line(`Thank you for the help ${index}`, 'approved')),
  line('Thank you, but no', 'vetoed'),
  line('Thank you again', 'approved'),
  line('Thank you, wrong answer', 'edited'),
  line('Thank you, stop it', 'vetoed'),
  ...Array.from({ length: 3 }, (_, index) => line(`What are your opening hours ${index}?`, 'undone')),
  line('A message with nothing recorded'),
];

describe('switchboard replay with recorded outcomes', () => {
  it('reports which rules would be promoted and demoted on the file’s history, with the figures', async () => {
    const { code, stdout, stderr } = await replay(history());
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Earned autonomy (from the outcome field of 12 messages; each suggestion taken as accepted):');
    expect(stdout).toMatch(
      /thanks: promoted draft → veto at 2026-11-01 09:\d\d UTC \(message m\d+\): 5 drafts in 30 days, 5 approved unchanged \(100 %\)/u,
    );
    expect(stdout).toMatch(/thanks: demoted veto → draft at .*: 3 of its last 4 held replies were stopped/u);
    expect(stdout).toMatch(/hours: demoted auto → draft at .*: 3 of its last 3 automatic actions were undone/u);
  });

  it('marks the message that moved a rule in --json', async () => {
    const { stdout } = await replay(history(), ['--json']);
    const records = stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { id: string; autonomy?: { rule: string; verdict: string; to: string } });
    expect(records.filter((record) => record.autonomy).map((record) => record.autonomy)).toEqual([
      expect.objectContaining({ rule: 'thanks', verdict: 'promote', to: 'veto' }),
      expect.objectContaining({ rule: 'thanks', verdict: 'demote', to: 'draft' }),
      expect.objectContaining({ rule: 'hours', verdict: 'demote', to: 'draft' }),
    ]);
  });

  it('skips a line whose outcome is not one it knows, and says why', async () => {
    const { stdout, stderr } = await replay([line('Thank you', 'loved'), line('Thank you', 'approved')]);
    expect(stderr).toMatch(/:1: skipped: outcome: expected approved, edited, rejected, vetoed, undone/u);
    expect(stdout).toContain('no rule would be promoted or demoted');
  });

  it('says nothing of autonomy for a file without outcomes', async () => {
    const { stdout } = await replay([line('Thank you')]);
    expect(stdout).not.toContain('Earned autonomy');
  });
});
