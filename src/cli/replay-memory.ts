import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const CHECK_EVERY = 1_000;
const HEADROOM_BYTES = 32 * 1024 * 1024;
/** V8 starts its next (incremental, partly concurrent) full collection when the heap has grown this much past what is alive. */
const HEAP_GROWING_PERCENT = 20;

/**
 * Keeps a long replay's heap near what it actually holds. A replay's garbage is short-lived,
 * but V8 grows the old generation lazily — to 3–4× the live data over a million messages,
 * well past 300 MB. A full collection whenever the heap is 24 MB above what the last one
 * left alive keeps it bounded for about a second of collection per million messages, and
 * a young generation of at most 8 MB a half keeps V8 from committing more for it (a million
 * messages from as many authors peaked at 308 MB with 40 MB and V8's default).
 * Without a usable `gc`, this does nothing.
 *
 * V8 is told to grow the heap by at most 20 % past what each full collection left alive
 * (`--heap-growing-percent`), so it runs its own incremental, partly concurrent collections
 * at about the size the forced ones ran at; these cost the main thread far less than a
 * forced stop-the-world `gc()` (1M viral messages: 102 → 64 s CPU with the other fixes), and
 * the forced collection, now at 32 MB past what is alive, is only the backstop. At 30 % a
 * million messages from as many authors with --json peaked at 304 MB; at 20 %, 286 MB.
 */
export const createMemoryGuard = (): ((processed: number) => void) => {
  let collect: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    setFlagsFromString('--max-semi-space-size=8');
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') collect = () => gc();
  } catch {
    collect = undefined;
  }
  let threshold = getHeapStatistics().used_heap_size + HEADROOM_BYTES;
  return (processed) => {
    if (collect === undefined || processed % CHECK_EVERY !== 0) return;
    if (getHeapStatistics().used_heap_size < threshold) return;
    collect();
    threshold = getHeapStatistics().used_heap_size + HEADROOM_BYTES;
  };
};
