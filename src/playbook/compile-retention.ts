import { parseDuration } from '../engine/windows.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

const DAY = 86_400_000;

/** How long raw payloads, and texts and names, are kept (milliseconds). */
export interface RetentionPolicy {
  rawPayloadsMs: number;
  textsMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { rawPayloadsMs: 30 * DAY, textsMs: 395 * DAY };

const durationOr = (value: string | undefined, fallback: number): number =>
  value === undefined ? fallback : (parseDuration(value) ?? fallback);

/** The playbook's `retention` section (validated by its schema), with the defaults filled in. */
export const compileRetention = (spec: Pick<PlaybookSpec, 'retention'>): RetentionPolicy => ({
  rawPayloadsMs: durationOr(spec.retention?.raw_payloads, DEFAULT_RETENTION.rawPayloadsMs),
  textsMs: durationOr(spec.retention?.texts, DEFAULT_RETENTION.textsMs),
});
