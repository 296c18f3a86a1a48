import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Message } from '../../src/domain/message.js';
import { counter } from '../engine/corpus.js';

/** The two shapes issue 11 measures replay on. */
export type ReplayShape = 'viral' | 'distinct';

export const SHAPES: Record<ReplayShape, string> = {
  viral: 'over 40 posts within one hour',
  distinct: 'from as many distinct authors, over 5,000 posts in a day',
};

const HOUR = 3_600_000;
const START = Date.parse('2026-10-01T12:00:00Z');
const PLATFORMS = ['facebook', 'instagram', 'youtube'] as const;

/** Where message `index` of `count` sits: its time, author and post for the shape. */
const place = (shape: ReplayShape, index: number, count: number, next: (below: number) => number) =>
  shape === 'viral'
    ? { at: START + Math.floor((index * HOUR) / count), author: `a${next(250_000)}`, post: `p${next(40)}` }
    : { at: START + Math.floor((index * 24 * HOUR) / count), author: `a${index}`, post: `p${next(5_000)}` };

/**
 * One generic-source JSON line per message, texts from the sample inbox. Every other text
 * gets a distinct token, so nothing downstream can get away with caching by text.
 */
export const replayLine = (
  shape: ReplayShape,
  index: number,
  count: number,
  texts: readonly Message[],
  next: (below: number) => number,
) => {
  const source = texts[next(texts.length)] as Message;
  const platform = PLATFORMS[next(PLATFORMS.length)] as string;
  const { at, author, post } = place(shape, index, count, next);
  const text = index % 2 === 0 ? `${source.text} ${index.toString(36)}` : source.text;
  return JSON.stringify({
    id: `${platform}-${index}`,
    platform,
    kind: 'comment',
    account_id: `${platform}-brand`,
    author: { id: author, name: source.author.name },
    text,
    post: { id: post },
    created_at: new Date(at).toISOString(),
  });
};

/**
 * Writes `count` messages of the shape to `file`, a megabyte at a time; with `take`, only the
 * first `take` of them (the same messages, not a sparser shape: doubling the input must mean
 * the same traffic for twice as long).
 */
export const writeReplayFile = async (
  file: string,
  shape: ReplayShape,
  count: number,
  texts: readonly Message[],
  take = count,
): Promise<void> => {
  const out = createWriteStream(file);
  const next = counter(shape === 'viral' ? 40 : 1_000_000);
  let chunk = '';
  for (let index = 0; index < take; index += 1) {
    chunk += `${replayLine(shape, index, count, texts, next)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
};
