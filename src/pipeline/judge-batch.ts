import type { JudgeVerdict, LlmJudge } from '../drafts/index.js';
import { errorMessage } from '../errors.js';

/** The model's verdict, or why there is none (the rules' answer then stands). */
export type JudgeOutcome = { verdict: JudgeVerdict } | { failure: string };

export interface BatchOptions {
  /** How long a question waits for others to share its call. */
  waitMs: number;
  maxBatch: number;
  /** Verdicts kept, by text; the least recently used goes first. */
  cacheSize: number;
  /** How long a caller waits for its verdict; a late answer still fills the cache. */
  timeoutMs: number;
}

type Settle = (outcome: JudgeOutcome) => void;

/** A bounded map that forgets the least recently used entry. */
const lruCache = (size: number) => {
  const entries = new Map<string, JudgeVerdict>();
  return {
    get(key: string): JudgeVerdict | undefined {
      const found = entries.get(key);
      if (found === undefined) return undefined;
      entries.delete(key);
      entries.set(key, found);
      return found;
    },
    set(key: string, verdict: JudgeVerdict): void {
      entries.delete(key);
      entries.set(key, verdict);
      while (entries.size > size) entries.delete(entries.keys().next().value as string);
    },
  };
};

const withDeadline = (answer: Promise<JudgeOutcome>, timeoutMs: number): Promise<JudgeOutcome> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<JudgeOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ failure: `the model did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
};

/**
 * The judge as the pipeline calls it, one text at a time: questions that arrive within `waitMs`
 * of each other share one model call (up to `maxBatch`), the same text is asked once (in flight
 * or cached), and no caller waits longer than `timeoutMs`.
 */
export const createBatchedJudge = (ask: LlmJudge, options: BatchOptions): ((text: string) => Promise<JudgeOutcome>) => {
  const cache = lruCache(options.cacheSize);
  const asking = new Map<string, Promise<JudgeOutcome>>();
  let pending = new Map<string, Settle>();
  let timer: NodeJS.Timeout | undefined;

  /** One model call for everything pending; each question settles with its own verdict or the call's failure. */
  const askBatch = async (batch: [string, Settle][]): Promise<void> => {
    try {
      const verdicts = await ask(batch.map(([text], index) => ({ id: String(index + 1), text })));
      for (const [index, [text, settle]] of batch.entries()) {
        const verdict = verdicts.get(String(index + 1));
        if (verdict !== undefined) cache.set(text, verdict);
        settle(verdict ? { verdict } : { failure: 'the model gave no verdict for this message' });
      }
    } catch (error) {
      for (const [, settle] of batch) settle({ failure: `the model failed (${errorMessage(error)})` });
    } finally {
      for (const [text] of batch) asking.delete(text);
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = [...pending];
    pending = new Map();
    void askBatch(batch);
  };

  const enqueue = (text: string): Promise<JudgeOutcome> => {
    const answer = new Promise<JudgeOutcome>((settle) => pending.set(text, settle));
    asking.set(text, answer);
    if (pending.size >= options.maxBatch) flush();
    else timer ??= setTimeout(flush, options.waitMs);
    return answer;
  };

  return (text) => {
    const key = text.trim();
    const cached = cache.get(key);
    if (cached !== undefined) return Promise.resolve({ verdict: cached });
    return withDeadline(asking.get(key) ?? enqueue(key), options.timeoutMs);
  };
};
