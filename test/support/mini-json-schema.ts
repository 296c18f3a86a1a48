/*
 * The part of JSON Schema draft 7 the playbook schema uses, enough to check in a test that an
 * editor would accept the playbooks we ship and flag the mistakes it should (there is no JSON
 * Schema validator among the dependencies). Returns the paths that fail, empty when valid.
 */
type Schema = Record<string, unknown>;

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

const matchesType = (value: unknown, type: unknown): boolean => {
  const types = Array.isArray(type) ? type : [type];
  const actual = typeOf(value);
  return types.some((wanted) => wanted === actual || (wanted === 'number' && actual === 'integer'));
};

const scalarErrors = (schema: Schema, value: unknown): string[] => {
  const errors: string[] = [];
  if (schema.type !== undefined && !matchesType(value, schema.type)) errors.push(`expected ${String(schema.type)}`);
  if ('const' in schema && schema.const !== value) errors.push(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`expected one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) errors.push('too short');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push('too small');
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push('too large');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) errors.push('too small');
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) errors.push('too large');
  }
  return errors;
};

export const validate = (root: Schema, value: unknown, schema: Schema = root, path = '$'): string[] => {
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//u, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Schema)[key], root);
    return validate(root, value, target as Schema, path);
  }
  const errors = scalarErrors(schema, value).map((error) => `${path}: ${error}`);
  for (const branch of (schema.allOf as Schema[] | undefined) ?? []) errors.push(...validate(root, value, branch, path));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((branch) => validate(root, value, branch as Schema, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: too few items`);
    if (schema.items) value.forEach((item, index) => errors.push(...validate(root, item, schema.items as Schema, `${path}[${index}]`)));
  } else if (typeOf(value) === 'object') {
    errors.push(...objectErrors(root, schema, value as Record<string, unknown>, path));
  }
  return errors;
};

const objectErrors = (root: Schema, schema: Schema, value: Record<string, unknown>, path: string): string[] => {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(value);
  if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) errors.push(`${path}: too few properties`);
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) errors.push(`${path}: too many properties`);
  for (const required of (schema.required as string[] | undefined) ?? [])
    if (!(required in value)) errors.push(`${path}: lacks ${required}`);
  for (const key of keys) {
    const at = `${path}.${key}`;
    if (schema.propertyNames) errors.push(...validate(root, key, schema.propertyNames as Schema, `${at} (name)`));
    const own = properties[key];
    if (own) errors.push(...validate(root, value[key], own, at));
    else if (schema.additionalProperties === false) errors.push(`${at}: not allowed`);
    else if (typeof schema.additionalProperties === 'object')
      errors.push(...validate(root, value[key], schema.additionalProperties as Schema, at));
  }
  return errors;
};
