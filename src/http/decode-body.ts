import { errorMessage } from '../errors.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { storableJson } from './storable-json.js';

export type DecodedBody = { ok: true; json: unknown } | { ok: false; error: string };

/**
 * Raw webhook bytes → a JSON value every later step can walk and Postgres can store, or the
 * reason it is refused (answered 400, stored nowhere). The depth is checked before anything
 * recursive (a schema, a mapper, JSON.stringify) touches the value.
 */
export const decodeWebhookBody = (raw: Buffer): DecodedBody => {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `malformed JSON: ${errorMessage(error)}` };
  }
  if (exceedsJsonDepth(json, MAX_JSON_DEPTH)) {
    return { ok: false, error: `the body is nested deeper than ${MAX_JSON_DEPTH} levels, which no webhook needs: refused, nothing stored` };
  }
  return { ok: true, json: storableJson(json) };
};
