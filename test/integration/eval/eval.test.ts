import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/cli/eval-csv.js';
import { htmlToText } from '../../../src/cli/eval-html.js';
import { runEval } from '../../../src/cli/eval.js';
import { defaultSources } from '../../../src/cli/eval-sources.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'eval-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
};

// The YouTube Spam Collection's columns and quirks: quoted fields, HTML, a trailing U+FEFF.
const CSV = write(
  'Youtube09-Test.csv',
  [
    'COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS',
    'c1,Ann,2014-01-01T10:00:00,"Check out my new channel, I post every day!﻿",1',
    'c2,Bob,2014-01-01T10:05:00,"subscribe to me &amp; I&#39;ll sub back<br />thanks",1',
    'c3,Cem,2014-01-01T10:10:00,"this song is ""the"" best, love it",0',
    'c4,Dee,2014-01-01T10:15:00,"<a href=""http://www.youtube.com/watch?v=abc&amp;t=1m2s"">1:02</a> best part",0',
    'c5,Eve,,"earn real money from home",1',
    'c6,Fay,2014-01-01T10:25:00,"best comment section ever",0',
  ].join('\r\n'),
);

const message = (id: string, text: string, label: string | undefined) =>
  JSON.stringify({
    id,
    platform: 'instagram',
    kind: 'comment',
    account_id: 'ig-brand',
    author: { id: `a-${id}`, name: 'Sam Rivera' },
    text,
    post: { id: 'p1' },
    created_at: '2026-11-23T10:00:00Z',
    ...(label === undefined ? {} : { label }),
  });

const JSONL = write(
  'mine.labelled.jsonl',
  [
    message('m1', 'I want a refund, it broke', 'handoff'),
    message('m2', 'zero complaints here, still perfect', 'none'),
    message('m3', 'How much is the green one?', 'reply'),
    message('m4', 'lovely colours', 'hide'),
  ].join('\n'),
);

const capture = (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = runEval(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
};

describe('switchboard eval', () => {
  it('scores labelled CSV and JSONL files: hidden shares, per-label figures, confusion, worst misses', () => {
    const { code, stdout, stderr } = capture([CSV, JSONL, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ playbook: 'default', messages: 10, notes: [] });
    expect(report.sources['Youtube09-Test']).toEqual({ messages: 6, toHide: 3, toHideHidden: 3, others: 3, othersHidden: 0 });
    expect(report.sources['mine.labelled.jsonl']).toMatchObject({ messages: 4, toHide: 1, toHideHidden: 0 });
    expect(report.total).toMatchObject({ messages: 10, toHide: 4, toHideHidden: 3 });
    for (const label of ['hide', 'handoff', 'reply', 'none']) {
      expect(report.labels[label]).toEqual({
        labelled: expect.any(Number),
        decided: expect.any(Number),
        correct: expect.any(Number),
        precision: expect.toBeOneOf([null, expect.any(Number)]),
        recall: expect.toBeOneOf([null, expect.any(Number)]),
      });
      expect(Object.keys(report.confusion[label])).toEqual(['hide', 'handoff', 'reply', 'none']);
    }
    expect(report.labels.hide).toMatchObject({ labelled: 4, decided: 3, correct: 3, precision: 1, recall: 0.75 });
    expect(report.confusion.hide).toEqual({ hide: 3, handoff: 0, reply: 0, none: 1 });
    expect(report.worst).toContainEqual(
      expect.objectContaining({ id: 'm4', label: 'hide', got: 'none', explanation: 'no rule acted', where: `${JSONL}:4` }),
    );
  });

  it('prints a plain-text report by default', () => {
    const { code, stdout } = capture([CSV, JSONL, '--misses', '2']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Evaluated playbook default on 10 labelled messages/u);
    for (const heading of ['Hidden per source', 'Per label', 'Confusion', 'Worst misses (1 of 1)']) expect(stdout).toContain(heading);
    expect(stdout).toMatch(/Youtube09-Test +6 +3\/3 +100\.0 % +0\/3 +0\.0 %/u);
    expect(stdout).toContain('"lovely colours"');
  });

  it('explains what was not counted', () => {
    const { stdout } = capture([JSONL, '--json', '--misses', '10']);
    expect(JSON.parse(stdout).worst).toEqual([expect.objectContaining({ id: 'm4' })]);
    const labels = write('labels.jsonl', `${JSON.stringify({ id: 'm2', label: 'handoff' })}\n`);
    const relabelled = JSON.parse(capture([JSONL, '--labels', labels, '--json']).stdout);
    expect(relabelled.worst).toContainEqual(
      expect.objectContaining({
        id: 'm2',
        got: 'none',
        explanation: 'no rule acted — "complaints" not counted for handoff-complaint: negated by "zero"',
      }),
    );
  });

  it('takes labels by id from --labels for a file without them', () => {
    const unlabelled = write(
      'export.jsonl',
      [message('x1', 'Subscribe to my channel!!', undefined), message('x2', 'nice', undefined)].join('\n'),
    );
    const labels = write('labels.csv', 'id,label\nx1,spam\nx2,ham\n');
    const report = JSON.parse(capture([unlabelled, '--labels', labels, '--json']).stdout);
    expect(report.total).toEqual({ messages: 2, toHide: 1, toHideHidden: 1, others: 1, othersHidden: 0 });
  });

  it('says what it skipped, and fails only for what it cannot read or use', () => {
    const partly = write('partly.jsonl', [message('y1', 'Subscribe!', 'spam'), message('y2', 'hello', undefined), 'not json'].join('\n'));
    const skipped = capture([partly]);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(`${partly}:2: skipped: no label`);
    expect(skipped.stderr).toContain(`${partly}:3: skipped: not valid JSON`);
    expect(capture([join(folder, 'missing.csv')]).code).toBe(1);
    expect(capture([write('empty.csv', 'id,text,label\n')]).code).toBe(1);
    expect(capture([CSV, '--playbook', join(folder, 'missing.yaml')]).code).toBe(1);
    expect(capture([CSV, '--misses', 'many']).code).toBe(2);
    expect(capture(['--bogus']).code).toBe(2);
  });

  it('reads the project examples and the collection beside the clone, noting when it is missing', () => {
    const root = join(folder, 'clone');
    mkdirSync(join(root, 'examples'), { recursive: true });
    writeFileSync(join(root, 'examples', 'a.labelled.jsonl'), '');
    writeFileSync(join(root, 'examples', 'inbox.jsonl'), '');
    const missing = defaultSources(root);
    expect(missing.files.map((file) => file.split(/[\\/]/u).pop())).toEqual(['a.labelled.jsonl']);
    expect(missing.notes).toEqual([
      expect.stringMatching(/shared[\\/]data[\\/]youtube-spam: not found, the YouTube Spam Collection is skipped$/u),
    ]);
    mkdirSync(join(folder, 'shared', 'data', 'youtube-spam'), { recursive: true });
    writeFileSync(join(folder, 'shared', 'data', 'youtube-spam', 'Youtube01-Psy.csv'), 'COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n');
    const present = defaultSources(root);
    expect(present.notes).toEqual([]);
    expect(present.files.map((file) => file.split(/[\\/]/u).pop())).toEqual(['a.labelled.jsonl', 'Youtube01-Psy.csv']);
  });

  it('runs as a command: switchboard eval FILE --json, exit code 0', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'eval', CSV, '--json'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '' },
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ messages: 6, total: { toHideHidden: 3, othersHidden: 0 } });
  }, 60_000);
});

describe('reading the files', () => {
  it('parses RFC 4180 CSV: quotes, doubled quotes, commas and line breaks inside, CRLF', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(parseCsv('\ufeffid,text\n1,plain')).toEqual([
      ['id', 'text'],
      ['1', 'plain'],
    ]);
  });

  it('turns comment HTML back into what was typed', () => {
    expect(htmlToText('I&#39;m here<br />&lt;3 <a href="https://youtu.be/x?t=1">0:01</a>&amp;more\ufeff')).toBe("I'm here\n<3 0:01&more");
  });
});
