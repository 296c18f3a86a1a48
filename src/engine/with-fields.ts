/**
 * `{ ...object, ...fields }`: the same keys in the same order (a key already there keeps its
 * place, with the new value). V8 runs an object spread followed by more fields on a slow path,
 * about 2 µs a call on a decision (a tenth of a capped message's whole decision); two
 * Object.assign calls into a new object take a tenth of that. For the engine's own plain objects.
 */
export const withFields = <T extends object, F extends object>(object: T | undefined, fields: F): T & F & Record<string, unknown> =>
  Object.assign(Object.assign({}, object), fields) as T & F & Record<string, unknown>;
