import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPlaybookPath, packageRoot } from '../../../src/playbook/index.js';

export const HOSTILE = '<script>window.__hostile = true; alert("x")</script> refund please <img src=x onerror="alert(1)"> & "quoted"';

/** The sample inbox plus a comment that tries to run a script, and a playbook that stops hiding links. */
export const htmlFixture = (): { folder: string; inbox: string; lenient: string } => {
  const folder = mkdtempSync(join(tmpdir(), 'replay-html-'));
  const lines = readFileSync(join(packageRoot(), 'examples', 'inbox.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const hostile = { ...(JSON.parse(lines[0] as string) as Record<string, unknown>), id: 'hostile-1', text: HOSTILE };
  const inbox = join(folder, 'inbox.jsonl');
  writeFileSync(inbox, `${JSON.stringify(hostile)}\n${lines.join('\n')}\n`);
  const lenient = join(folder, 'lenient.yaml');
  const yaml = readFileSync(defaultPlaybookPath(), 'utf8').replace(
    '      has_link: true\n    then:\n      - hide: true\n      - tag: posted-link',
    '      has_link: true\n    then:\n      - tag: posted-link',
  );
  writeFileSync(lenient, yaml);
  return { folder, inbox, lenient };
};
