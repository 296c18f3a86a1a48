import { describe, expect, it } from 'vitest';
import { checkPlaybookText, formatFinding, type Finding } from '../../../src/playbook/check.js';

const HEAD = `version: 1
templates:
  thanks: { en: "Thanks!" }
rules:
`;

const check = (rules: string): Finding[] => checkPlaybookText(`${HEAD}${rules}`);
const lines = (rules: string): string[] => check(rules).map((finding) => formatFinding('p.yml', finding));
const warnings = (rules: string): string[] =>
  check(rules)
    .filter((f) => f.severity === 'warning')
    .map((f) => f.message);

describe('playbook check: errors', () => {
  it('reports every schema problem with its line and column, not only the first', () => {
    const found = lines(`  - id: Bad Id
    when: { keywords: refund, platfrom: [x] }
    then: [{ hide: true, ignore: true }]
  - id: two
    when: { sentiment_below: 4 }
    then: []
`);
    expect(found).toEqual([
      'p.yml:5:9 error: rules[0].id: expected an id of lowercase letters, digits, "-", "_" or "."',
      'p.yml:6:23 error: rules[0].when.keywords: expected a list of terms, or a map of language code to a list of terms',
      'p.yml:6:31 error: rules[0].when.platfrom: unexpected key "platfrom" (check the spelling; see docs/playbook.md)',
      'p.yml:7:12 error: rules[0].then[0]: expected exactly one action per list item, e.g. "- hide: true" or "- handoff: { priority: high }"',
      'p.yml:9:30 error: rules[1].when.sentiment_below: Too big: expected number to be <=1',
      'p.yml:10:11 error: rules[1].then: expected at least one action',
    ]);
  });

  it('reports YAML syntax errors where they are', () => {
    const [first] = checkPlaybookText('version: 1\nrules:\n  - id: a\n    when: { keywords: [x }\n');
    expect(first).toMatchObject({ severity: 'error', line: 4 });
  });

  it('reports what only compiling finds: a template that does not exist', () => {
    expect(lines('  - id: a\n    when: { keywords: [hi] }\n    then: [{ auto_reply: nope }]\n')).toEqual([
      'p.yml:7:26 error: rules[0].then[0].auto_reply: expected a template id defined under templates:, got "nope"',
    ]);
  });

  it('finds nothing in a sound playbook', () => {
    expect(check('  - id: a\n    when: { keywords: [price], unless: [negated] }\n    then: [{ auto_reply: thanks }]\n')).toEqual([]);
  });
});

describe('playbook check: rules that can never fire', () => {
  const rule = (id: string, when: string, extra = '') => `  - id: ${id}\n    when: ${when}\n    then: [{ ignore: true }]\n${extra}`;

  it.each([
    ['{ keywords: [] }', 'keywords lists no term'],
    ['{ keywords: { en: [], el: [] } }', 'keywords lists no term'],
    ['{ emoji: [] }', 'emoji: [] lists nothing'],
    ['{ platform: [] }', 'platform: [] lists nothing'],
    ['{ any: [] }', 'any: [] has no condition'],
    ['{ any: [{ kind: [] }, { regex: [] }] }', 'none of the conditions under any can hold'],
    ['{ all: [{ language: [] }] }', 'language: [] lists nothing'],
    ['{ sentiment_below: -1 }', 'sentiment is never below -1'],
    ['{ sentiment_above: 0.5, sentiment_below: 0.2 }', 'never both above 0.5 and below 0.2'],
    ['{ author_messages: { window: 1h, more_than: 5, fewer_than: 6 } }', 'no count satisfies these bounds'],
    ['{ platform: [facebook], all: [{ platform: [instagram] }] }', 'the platform lists have nothing in common'],
    ['{ has_link: true, all: [{ has_link: false }] }', 'has_link cannot be both true and false'],
    ['{ platform: [messenger, whatsapp], kind: [comment] }', 'messenger and whatsapp carry only direct messages'],
    ['{ has_link: true, not: { has_link: true } }', 'the condition under not always holds'],
    ['{ not: {} }', 'the condition under not always holds'],
    ['{ keywords: [refund, "money back"], not: { keywords: [refund, "money back"] } }', 'the condition under not always holds'],
  ])('%s', (when, reason) => {
    const [warning] = warnings(rule('dead', when));
    expect(warning).toContain('rule "dead" can never fire');
    expect(warning).toContain(reason);
  });

  it.each([
    '{ keywords: [refund], any: [{ kind: [] }, { platform: [instagram] }] }',
    '{ platform: [facebook], all: [{ platform: [facebook, instagram] }] }',
    '{ platform: [whatsapp], kind: [dm, comment] }',
    '{ keywords: [refund], not: { keywords: [refund], unless: [negated] } }',
    '{ sentiment_above: 0.2, sentiment_below: 0.5 }',
    '{ author_messages: { window: 1h, more_than: 5, fewer_than: 7 } }',
    '{ all: [] }',
    '{}',
  ])('stays quiet on %s, which can hold', (when) => {
    expect(warnings(rule('alive', when))).toEqual([]);
  });

  it('points at the condition that cannot hold', () => {
    const [finding] = check(rule('dead', '{ keywords: [] }'));
    expect(finding).toMatchObject({ severity: 'warning', line: 6, col: 23 });
  });
});

describe('playbook check: rules shadowed by an earlier stop', () => {
  const stop = (id: string, when: string) => `  - id: ${id}\n    when: ${when}\n    then: [{ hide: true }]\n    stop: true\n`;
  const plain = (id: string, when: string) => `  - id: ${id}\n    when: ${when}\n    then: [{ ignore: true }]\n`;

  it.each([
    ['{ keywords: [refund, "money back"] }', '{ keywords: [refund], platform: [instagram] }'],
    ['{ spam: true }', '{ spam: [scam] }'],
    ['{}', '{ question: true }'],
    ['{ platform: [facebook, instagram] }', '{ platform: [instagram], kind: [comment] }'],
    ['{ sentiment_below: -0.2 }', '{ sentiment_below: -0.5, question: true }'],
    ['{ author_messages: { window: 1h, at_least: 3 } }', '{ author_messages: { window: 60m, more_than: 4 } }'],
    ['{ any: [{ emoji: ["🙃"] }, { keywords: [really] }] }', '{ emoji: ["🙃", "🙃"] }'],
    ['{ keywords: [refund] }', '{ keywords: [refund], unless: [negated] }'],
    ['{ not: { author_tags: [vip] } }', '{ has_link: true, not: { author_tags: [vip] } }'],
  ])('after a stop rule on %s, %s never runs', (earlier, later) => {
    const found = warnings(`${stop('first', earlier)}${plain('later', later)}`);
    expect(found).toEqual(['rules[1]: rule "later" can never fire: the earlier rule "first" (stop: true) matches every message it would']);
  });

  it.each([
    ['{ keywords: [refund] }', '{ keywords: [refund, "money back"] }'],
    ['{ keywords: [refund], unless: [negated] }', '{ keywords: [refund] }'],
    ['{ spam: [scam] }', '{ spam: true }'],
    ['{ platform: [instagram] }', '{ platform: [instagram, facebook] }'],
    ['{ question: true }', '{ question: false }'],
    ['{ author_messages: { window: 1h, at_least: 3 } }', '{ author_messages: { window: 2h, at_least: 5 } }'],
    ['{ any: [{ emoji: ["🙃"] }, { keywords: [really] }] }', '{ any: [{ emoji: ["🙃"] }, { keywords: [sure] }] }'],
    ['{ regex: "a+" }', '{ regex: "aa+" }'],
  ])('is quiet when %s does not cover %s', (earlier, later) => {
    expect(warnings(`${stop('first', earlier)}${plain('later', later)}`)).toEqual([]);
  });

  it('only a rule with stop: true shadows', () => {
    expect(warnings(`${plain('first', '{}')}${plain('later', '{ question: true }')}`)).toEqual([]);
  });

  it('warns at the shadowed rule', () => {
    const [finding] = check(`${stop('first', '{}')}${plain('later', '{ question: true }')}`);
    expect(finding).toMatchObject({ severity: 'warning', line: 9, col: 5 });
  });
});

describe('playbook check: the judge', () => {
  it('warns when judge.unsure_when can never hold', () => {
    const found = checkPlaybookText(`version: 1
judge:
  unsure_when: { emoji: [] }
rules:
  - { id: a, when: { question: true }, then: [{ ignore: true }] }
`);
    expect(found.map((finding) => formatFinding('p.yml', finding))).toEqual([
      'p.yml:3:25 warning: judge.unsure_when.emoji: the judge is never asked: emoji: [] lists nothing, so it never holds',
    ]);
  });
});
