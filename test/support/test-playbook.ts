import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultPlaybookPath } from '../../src/playbook/index.js';
import { uniqueName } from './isolated.js';

/**
 * The default playbook with some top-level sections replaced, written to a temp file; returns its
 * path. The caller removes it (`rmSync`) in its afterAll.
 */
export const writeTestPlaybook = (overrides: Record<string, unknown>): string => {
  const spec = parse(readFileSync(defaultPlaybookPath(), 'utf8')) as Record<string, unknown>;
  const path = join(tmpdir(), `${uniqueName('playbook')}.yaml`);
  writeFileSync(path, stringify({ ...spec, ...overrides }));
  return path;
};
