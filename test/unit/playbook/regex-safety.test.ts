import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { parsePlaybook } from '../../../src/playbook/index.js';
import { backtrackingRisk } from '../../../src/playbook/regex-safety.js';

const HEAD = 'version: 1\nrules:\n';

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

describe('backtrackingRisk', () => {
  it.each([
    '(a+)+$',
    '^(a+)+$',
    '(\\w+\\s?)*$',
    '(x+x+)+y',
    '(.*a){12}',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
    '(\\d+\\s*)+€',
  ])('flags the catastrophic %s', (source) => {
    expect(backtrackingRisk(source)).toMatch(/catastrophically/u);
  });

  it.each([
    'order #?\\d{4,}',
    '#(\\d+)',
    '\\b(refund|money back)\\b',
    'https?://\\S+',
    '\\p{Lu}{2,}\\s\\P{L}*',
    '(?<order>\\d{4,})',
    '\\u{1F621}+',
    '^\\s*$',
  ])('lets the ordinary %s through', (source) => {
    expect(backtrackingRisk(source)).toBeUndefined();
  });

  it('says why when it cannot check a pattern, or when there are too many quantifiers', () => {
    expect(backtrackingRisk('(?<!not )refund')).toMatch(/lookbehind/u);
    expect(backtrackingRisk('a?'.repeat(26))).toMatch(/more than 25 quantifiers/u);
    expect(backtrackingRisk('a?'.repeat(25))).toBeUndefined();
  });
});

describe('loading a playbook with a risky regex', () => {
  it('is refused with the file, line and column of the regex, the rule and why', () => {
    const message = errorOf(`${HEAD}  - id: order\n    when: { regex: "(\\\\d+\\\\s*)+$" }\n    then: [{ tag: order }]\n`);
    expect(message).toMatch(
      /^bad\.yaml:4:20: rules\[0\]\.when\.regex: rule "order": the regex "\(\\d\+\\s\*\)\+\$" can backtrack catastrophically/u,
    );
  });

  it('points at the regex inside a list, any, all and not', () => {
    const yaml =
      `${HEAD}  - id: fine\n    when: { regex: "order #?\\\\d{4,}" }\n    then: [{ tag: order }]\n` +
      '  - id: nested\n    when:\n      any:\n        - keywords: [refund]\n        - not:\n            regex:\n              - "ok"\n              - "(a+)+"\n    then: [{ tag: x }]\n';
    expect(errorOf(yaml)).toMatch(/^bad\.yaml:13:17: rules\[1\]\.when\.any\[1\]\.not\.regex\[1\]: rule "nested": the regex "\(a\+\)\+"/u);
  });

  it('still reports a regex that is not valid at all as invalid', () => {
    expect(errorOf(`${HEAD}  - id: order\n    when: { regex: "((a+)+" }\n    then: [{ tag: order }]\n`)).toMatch(
      /rules\[0\]\.when\.regex: expected a valid regular expression/u,
    );
  });

  it('loads a playbook whose regexes are safe', () => {
    const playbook = parsePlaybook(
      `${HEAD}  - id: order\n    when: { regex: ["order #?\\\\d{4,}", "https?://\\\\S+"] }\n    then: [{ tag: order }]\n`,
      'ok.yaml',
    );
    expect(playbook.rules.map((rule) => rule.id)).toEqual(['order']);
  });
});
