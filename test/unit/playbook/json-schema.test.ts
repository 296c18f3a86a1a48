import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlaybookText } from '../../../src/playbook/check.js';
import { playbookJsonSchema, playbookJsonSchemaText } from '../../../src/playbook/json-schema.js';
import { defaultPlaybookPath, packageRoot } from '../../../src/playbook/package-root.js';
import { parse } from 'yaml';
import { validate } from '../../support/mini-json-schema.js';

const ROOT = packageRoot();
const SHIPPED = join(ROOT, 'schema', 'playbook.schema.json');

type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node };

describe('the playbook JSON Schema', () => {
  it('is committed and up to date with the zod schema (regenerate: switchboard playbook schema > schema/playbook.schema.json)', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(playbookJsonSchemaText());
  });

  it('describes fields, lists the choices editors should offer and says one action per item', () => {
    const schema = playbookJsonSchema() as Node;
    const rule = schema.properties!.rules!.items!;
    expect(rule.properties!.stop!.description).toMatch(/later rules are not run/u);
    const action = rule.properties!.then!.items!;
    expect(action).toMatchObject({ minProperties: 1, maxProperties: 1 });
    expect(Object.keys(action.properties!)).toEqual(expect.arrayContaining(['auto_reply', 'draft', 'hide', 'handoff', 'escalate']));
    const condition = (schema.definitions as Record<string, Node>).condition!;
    expect(condition.properties!.kind!.items).toMatchObject({ enum: ['comment', 'reply', 'dm'] });
    expect(JSON.stringify(condition.properties!.spam)).toContain('self_promotion');
    expect(condition.properties!.keywords!.description).toMatch(/trailing \*/u);
    expect(JSON.stringify(schema)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it('is referenced, by a path that resolves, from the default playbook and every example playbook', () => {
    const examples = readdirSync(join(ROOT, 'examples'))
      .filter((name) => /\.ya?ml$/u.test(name))
      .map((name) => join(ROOT, 'examples', name));
    for (const file of [defaultPlaybookPath(), ...examples]) {
      const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
      const match = /^# yaml-language-server: \$schema=(\S+)$/u.exec(first);
      expect(match, file).not.toBeNull();
      expect(readFileSync(join(file, '..', match![1]!), 'utf8'), file).toBe(readFileSync(SHIPPED, 'utf8'));
      expect(
        checkPlaybookText(readFileSync(file, 'utf8')).filter((finding) => finding.severity === 'error'),
        file,
      ).toEqual([]);
    }
  });

  it('accepts the playbooks we ship, as an editor would, and flags what the zod schema refuses', () => {
    const schema = playbookJsonSchema();
    const examples = readdirSync(join(ROOT, 'examples')).filter((name) => /\.ya?ml$/u.test(name));
    for (const file of [defaultPlaybookPath(), ...examples.map((name) => join(ROOT, 'examples', name))]) {
      expect(validate(schema, parse(readFileSync(file, 'utf8'))), file).toEqual([]);
    }
    const broken = parse(`version: 1
rules:
  - { id: a, when: { keywrds: [refund] }, then: [{ hide: true }] }
  - { id: b, when: { any: [{ kind: [post] }] }, then: [{ hide: true, ignore: true }] }
  - { id: c, when: {}, then: [{ handoff: { priority: asap } }] }
`);
    expect(validate(schema, broken)).toEqual(
      expect.arrayContaining([
        '$.rules[0].when.keywrds: not allowed',
        '$.rules[1].when.any[0].kind[0]: expected one of comment, reply, dm',
        '$.rules[1].then[0]: too many properties',
        '$.rules[2].then[0].handoff: matches none of anyOf',
      ]),
    );
  });
});
