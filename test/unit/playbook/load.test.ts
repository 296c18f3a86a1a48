import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { defaultPlaybookPath, loadPlaybook, packageRoot, parsePlaybook } from '../../../src/playbook/index.js';

const errorOf = (yaml: string): string => {
  try {
    parsePlaybook(yaml, 'bad.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('playbook_invalid');
    return (error as AppError).message;
  }
  throw new Error('expected the playbook to be refused');
};

const VALID_HEAD = `version: 1
templates:
  hello:
    en: "Hi {{first_name|there}}!"
rules:
`;

describe('loadPlaybook', () => {
  it('loads the built-in default playbook from the package root', () => {
    const playbook = loadPlaybook();
    expect(playbook.source).toBe('default');
    expect(playbook.rules.length).toBeGreaterThan(10);
    expect(defaultPlaybookPath()).toBe(join(packageRoot(), 'src', 'playbook', 'default.yaml'));
  });

  it('loads a playbook file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'playbook-'));
    const file = join(folder, 'mine.yaml');
    writeFileSync(file, `${VALID_HEAD}  - id: greet\n    when: { keywords: [hello] }\n    then: [{ auto_reply: hello }]\n`);
    try {
      expect(loadPlaybook(file).rules.map((rule) => rule.id)).toEqual(['greet']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names a file it cannot read', () => {
    expect(() => loadPlaybook('/nope/missing.yaml')).toThrow(/^\/nope\/missing\.yaml:1:1: cannot read the playbook/u);
  });
});

describe('playbook errors carry file:line:column and what was expected', () => {
  it('reports YAML syntax errors where they are', () => {
    expect(errorOf('version: 1\nrules:\n  - id: a\n    when: { keywords: [x }\n')).toMatch(/^bad\.yaml:4:\d+: /u);
  });

  it('reports a wrong type at the offending value', () => {
    const message = errorOf(`${VALID_HEAD}  - id: greet\n    when:\n      keywords: hello\n    then: [{ auto_reply: hello }]\n`);
    expect(message).toBe('bad.yaml:8:17: rules[0].when.keywords: expected a list of terms, or a map of language code to a list of terms');
  });

  it('reports an unknown key at the key', () => {
    const message = errorOf(`${VALID_HEAD}  - id: greet\n    when:\n      keyword: [hello]\n    then: [{ auto_reply: hello }]\n`);
    expect(message).toMatch(/^bad\.yaml:8:7: rules\[0\]\.when\.keyword: unexpected key "keyword"/u);
  });

  it('reports an unknown chat in a rule’s chats at the value', () => {
    const message = errorOf(`${VALID_HEAD}  - id: greet\n    when: {}\n    then: [{ auto_reply: hello }]\n    chats: [slack, teams]\n`);
    expect(message).toBe('bad.yaml:9:20: rules[0].chats[1]: expected a chat: slack or discord');
  });

  it('reports an empty list of chats', () => {
    const message = errorOf(`${VALID_HEAD}  - id: greet\n    when: {}\n    then: [{ auto_reply: hello }]\n    chats: []\n`);
    expect(message).toMatch(/^bad\.yaml:9:\d+: rules\[0\]\.chats: expected at least one chat/u);
  });

  it('reports an action with two keys', () => {
    const message = errorOf(`${VALID_HEAD}  - id: greet\n    when: {}\n    then:\n      - { hide: true, delete: true }\n`);
    expect(message).toMatch(/^bad\.yaml:9:9: rules\[0\]\.then\[0\]: expected exactly one action per list item/u);
  });

  it('reports a bad window', () => {
    const message = errorOf(
      `${VALID_HEAD}  - id: busy\n    when:\n      post_comments: { window: 30 minutes, more_than: 5 }\n    then: [{ handoff: true }]\n`,
    );
    expect(message).toMatch(/^bad\.yaml:8:32: rules\[0\]\.when\.post_comments\.window: expected a duration/u);
  });

  it('reports an unknown template', () => {
    const message = errorOf(`${VALID_HEAD}  - id: greet\n    when: {}\n    then:\n      - auto_reply: bye\n`);
    expect(message).toBe('bad.yaml:9:21: rules[0].then[0].auto_reply: expected a template id defined under templates:, got "bye"');
  });

  it('reports an invalid regular expression', () => {
    const message = errorOf(`${VALID_HEAD}  - id: order\n    when: { regex: "#(\\\\d+" }\n    then: [{ tag: order }]\n`);
    expect(message).toMatch(/^bad\.yaml:7:20: rules\[0\]\.when\.regex: expected a valid regular expression/u);
  });

  it('asks for a fallback on a variable that may be missing', () => {
    const message = errorOf('version: 1\ntemplates:\n  hello:\n    en: "Hi {{first_name}}!"\nrules: []\n');
    expect(message).toBe(
      'bad.yaml:4:9: templates.hello.en: expected a fallback for {{first_name}}, which may be missing, e.g. {{first_name|there}}',
    );
  });

  it('reports duplicate rule ids, a missing version and a bad time zone', () => {
    expect(
      errorOf(`${VALID_HEAD}  - { id: a, when: {}, then: [{ ignore: true }] }\n  - { id: a, when: {}, then: [{ ignore: true }] }\n`),
    ).toMatch(/^bad\.yaml:7:11: rules\[1\]\.id: expected a unique rule id/u);
    expect(errorOf('rules: []\n')).toMatch(/^bad\.yaml:1:1: version: expected version: 1/u);
    expect(errorOf('version: 1\nbusiness_hours:\n  timezone: Mars/Olympus\n  days: { mon: "09:00-17:00" }\nrules: []\n')).toMatch(
      /^bad\.yaml:3:13: business_hours\.timezone: expected an IANA time zone/u,
    );
  });

  it('reports a funnel step that does not exist', () => {
    const yaml = `${VALID_HEAD}  - { id: f, when: {}, then: [{ funnel: sales }] }\nfunnels:\n  sales:\n    start: greet\n    steps:\n      greet: { say: hello, next: nowhere }\n`;
    expect(errorOf(yaml)).toMatch(/^bad\.yaml:11:34: funnels\.sales\.steps\.greet\.next: expected a step of this funnel/u);
  });
});
