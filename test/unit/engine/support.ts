import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message, MessageKind } from '../../../src/domain/message.js';
import { emptyContext, seededRandom, type EngineContext } from '../../../src/engine/context.js';
import { eventsFrom, type RecentEvents } from '../../../src/engine/recent-events.js';
import { parsePlaybook } from '../../../src/playbook/load.js';
import { packageRoot } from '../../../src/playbook/package-root.js';
import type { CompiledPlaybook } from '../../../src/engine/compiled.js';

export const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday, 12:00 in Athens

export const message = (text: string, overrides: Partial<Message> = {}): Message => ({
  externalId: 'm-1',
  platform: 'instagram',
  kind: 'comment' as MessageKind,
  accountId: 'ig-brand',
  author: { id: 'u-1', name: 'Maria Papadopoulou', username: 'maria' },
  text,
  post: { id: 'post-1' },
  createdAt: NOW,
  fromSelf: false,
  ...overrides,
});

export const context = (overrides: Partial<EngineContext> = {}, seed = 1): EngineContext => ({
  ...emptyContext(NOW, seededRandom(seed)),
  ...overrides,
});

/** A recent-events series with one event this many minutes before NOW each, newest first. */
export const minutesAgo = (...minutes: number[]): RecentEvents => eventsFrom(minutes.map((m) => new Date(NOW.getTime() - m * 60_000)));

/** A playbook from YAML text, with templates and rules as the test needs them. */
export const playbook = (yaml: string): CompiledPlaybook => parsePlaybook(`version: 1\n${yaml}`, 'test.yaml');

/** The texts of one of the project's example JSONL files (`examples/FILE`), in order. */
export const exampleTexts = (file: string): string[] =>
  readFileSync(join(packageRoot(), 'examples', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => (JSON.parse(line) as { text: string }).text);
