import { z } from 'zod';
import { actionSchema } from '../playbook-spec/schema-actions.js';
import { conditionSchema } from '../playbook-spec/schema-conditions.js';
import { playbookSchema } from '../playbook-spec/schema.js';
import { DESCRIPTIONS } from './json-schema-descriptions.js';

type JsonSchema = Record<string, unknown>;

/** Zod's safe-integer bounds say nothing a person wrote; an editor would show them as limits. */
const SAFE_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

const tidy = (ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void => {
  const schema = ctx.jsonSchema;
  if (SAFE_BOUNDS.has(schema.maximum as number)) delete schema.maximum;
  if (SAFE_BOUNDS.has(schema.minimum as number)) delete schema.minimum;
  // The zod refinement "exactly one action per list item", said the way JSON Schema can.
  if (ctx.zodSchema === actionSchema) Object.assign(schema, { minProperties: 1, maxProperties: 1 });
};

const describeAt = (node: JsonSchema, description: string): JsonSchema =>
  // Draft 7 ignores keywords beside $ref, so a described reference is wrapped.
  typeof node.$ref === 'string' ? { description, allOf: [{ $ref: node.$ref }] } : { description, ...node };

/** Adds DESCRIPTIONS along property paths; `anyOf` branches, `items` and maps keep their parent's path. */
const describe = (node: unknown, path: string): void => {
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) {
    const at = path === '' ? key : `${path}.${key}`;
    const words = DESCRIPTIONS[at];
    if (words !== undefined && properties) properties[key] = describeAt(child, words);
    describe(child, at);
  }
  for (const branch of (schema.anyOf as unknown[] | undefined) ?? []) describe(branch, path);
  describe(schema.items, path);
  describe(schema.additionalProperties, path);
};

/**
 * The playbook's JSON Schema, generated from the zod schema (what a person writes: `io: 'input'`),
 * for editors (yaml-language-server) to autocomplete and flag mistakes. Refinements it cannot say
 * (unique rule ids, templates that exist, valid regexes) are left to `switchboard playbook check`.
 */
export const playbookJsonSchema = (): JsonSchema => {
  const metadata = z.registry<{ id?: string }>();
  metadata.add(conditionSchema, { id: 'condition' });
  const schema = z.toJSONSchema(playbookSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
    metadata,
    override: tidy,
  }) as JsonSchema;
  describe(schema, '');
  const definitions = (schema.definitions ?? {}) as Record<string, unknown>;
  describe(definitions.condition, 'condition');
  return {
    $schema: schema.$schema,
    title: 'Switchboard playbook',
    description: 'What Switchboard does with every comment and DM. See docs/playbook.md.',
    ...schema,
  };
};

/** The committed file's text: stable key order, two spaces, a final newline. */
export const playbookJsonSchemaText = (): string => `${JSON.stringify(playbookJsonSchema(), null, 2)}\n`;
