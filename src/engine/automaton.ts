/**
 * Aho–Corasick over UTF-16 code units. Written here rather than taken from npm because the
 * maintained package we measured (modern-ahocorasick) works on grapheme clusters through
 * Intl.Segmenter and ran ~70k searches/s on tweet-sized texts, where this runs ~1M/s; our
 * text is already folded, so code units are the right alphabet.
 *
 * Patterns go into a trie of Maps; the first scan freezes it into flat typed arrays. When the
 * playbook's alphabet is small enough (it is: a few hundred distinct units at most for the
 * built-in lists), every state gets a full row of next states, failure links already
 * followed, so a scan is one table read per unit: replay scans every message two or three
 * times, and following failure links through sorted edge lists was most of that. A larger
 * alphabet (a playbook full of Han terms) keeps the sparse form: a full root table and sorted
 * edge lists for the rest.
 */

/** Most table cells a dense automaton may take (4 bytes each): past it, the sparse form is kept. */
const DENSE_CELLS = 4_000_000;

export class Automaton {
  private trie: Map<number, number>[] | null = [new Map()];
  private readonly output: number[][] = [[]];
  private readonly lengths: number[] = [];
  private root = new Int32Array(0);
  private edgeStart = new Int32Array(0);
  private edgeUnit = new Uint16Array(0);
  private edgeTarget = new Int32Array(0);
  private fail = new Int32Array(0);
  /** UTF-16 unit → its column in `dense`: 0 for every unit no pattern holds (it leads back to the root). */
  private column = new Uint16Array(0);
  private columns = 0;
  /** State × column → next state; empty when the sparse form is kept. */
  private dense = new Int32Array(0);

  /** `denseCells`: the most table cells the full form may take (tests force the sparse form with 0). */
  constructor(private readonly denseCells: number = DENSE_CELLS) {}

  /** Adds a pattern and returns its index; patterns must be added before the first scan. */
  add(pattern: string): number {
    const trie = this.trie;
    if (trie === null) throw new Error('automaton already built');
    let state = 0;
    for (let i = 0; i < pattern.length; i += 1) {
      const unit = pattern.charCodeAt(i);
      const transitions = trie[state] as Map<number, number>;
      let target = transitions.get(unit);
      if (target === undefined) {
        target = trie.length;
        trie.push(new Map());
        this.output.push([]);
        transitions.set(unit, target);
      }
      state = target;
    }
    const index = this.lengths.length;
    this.lengths.push(pattern.length);
    (this.output[state] as number[]).push(index);
    return index;
  }

  get size(): number {
    return this.lengths.length;
  }

  private step(state: number, unit: number): number {
    if (state === 0) return this.root[unit] as number;
    const { edgeStart, edgeUnit, edgeTarget } = this;
    const end = edgeStart[state + 1] as number;
    for (let k = edgeStart[state] as number; k < end; k += 1) {
      const found = edgeUnit[k] as number;
      if (found === unit) return edgeTarget[k] as number;
      if (found > unit) break;
    }
    return -1;
  }

  /** The state after `unit` from `state`, failure links followed (the sparse form's inner loop). */
  private follow(state: number, unit: number): number {
    let current = state;
    if (current === 0) return this.root[unit] as number;
    let target = this.step(current, unit);
    while (target < 0) {
      current = this.fail[current] as number;
      target = this.step(current, unit);
    }
    return target;
  }

  private build(trie: Map<number, number>[]): void {
    const states = trie.length;
    this.root = new Int32Array(0x10000);
    this.edgeStart = new Int32Array(states + 1);
    let edges = 0;
    trie.forEach((transitions, state) => {
      this.edgeStart[state] = edges;
      edges += transitions.size;
    });
    this.edgeStart[states] = edges;
    this.edgeUnit = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    trie.forEach((transitions, state) => {
      const sorted = [...transitions.entries()].sort((a, b) => a[0] - b[0]);
      sorted.forEach(([unit, target], k) => {
        this.edgeUnit[(this.edgeStart[state] as number) + k] = unit;
        this.edgeTarget[(this.edgeStart[state] as number) + k] = target;
        if (state === 0) this.root[unit] = target;
      });
    });
    this.fail = new Int32Array(states);
    const queue: number[] = [...(trie[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] as number;
      for (const [unit, child] of trie[state] as Map<number, number>) {
        let fallback = this.fail[state] as number;
        let target = this.step(fallback, unit);
        while (target <= 0 && fallback !== 0) {
          fallback = this.fail[fallback] as number;
          target = this.step(fallback, unit);
        }
        const failTo = target > 0 && target !== child ? target : 0;
        this.fail[child] = failTo;
        const inherited = this.output[failTo] as number[];
        if (inherited.length > 0) this.output[child] = (this.output[child] as number[]).concat(inherited);
        queue.push(child);
      }
    }
    this.buildDense(states, queue);
    this.trie = null;
  }

  /**
   * The full table, filled in breadth-first order so a state's failure row is complete before
   * its own: a unit with no edge goes where the failure state's row says. The same states the
   * sparse loop would reach, so the same matches in the same order.
   */
  private buildDense(states: number, order: readonly number[]): void {
    const units = [...new Set(this.edgeUnit)].sort((a, b) => a - b);
    const columns = units.length + 1;
    if (states * columns > this.denseCells) return;
    this.column = new Uint16Array(0x10000);
    units.forEach((unit, index) => {
      this.column[unit] = index + 1;
    });
    const dense = new Int32Array(states * columns);
    // Root row: its own edges, the root itself otherwise (column 0 included).
    units.forEach((unit, index) => {
      dense[index + 1] = this.root[unit] as number;
    });
    for (const state of order) {
      const row = state * columns;
      const failRow = (this.fail[state] as number) * columns;
      for (let column = 1; column < columns; column += 1) {
        const own = this.step(state, units[column - 1] as number);
        dense[row + column] = own >= 0 ? own : (dense[failRow + column] as number);
      }
    }
    this.columns = columns;
    this.dense = dense;
  }

  /** Calls `onMatch(patternIndex, start, end)` for every occurrence, overlaps included. */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => void): void {
    if (this.trie !== null) this.build(this.trie);
    if (this.lengths.length === 0) return;
    const { output, lengths, dense, column, columns } = this;
    const sparse = columns === 0;
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      state = sparse ? this.follow(state, unit) : (dense[state * columns + (column[unit] as number)] as number);
      if (state === 0) continue;
      const found = output[state] as number[];
      for (let k = 0; k < found.length; k += 1) {
        const pattern = found[k] as number;
        onMatch(pattern, i + 1 - (lengths[pattern] as number), i + 1);
      }
    }
  }
}
