import { parentPort, workerData } from 'node:worker_threads';
import { loadPlaybook } from '../playbook/load.js';
import { toEntry } from './replay-entries.js';
import { readLines } from './replay-input.js';
import { READ_AHEAD, READER_DONE, type ReaderData } from './replay-wire.js';
import { BatchWriter } from './replay-wire-write.js';

/*
 * The reading thread of a replay (see replay-reader.ts): reads the file, parses each line,
 * detects its language and works out its text facts for each playbook, and posts one batch
 * per chunk of the file — at most READ_AHEAD ahead of what the main thread has taken back.
 */

const port = parentPort;
if (port === null) throw new Error('replay-worker runs as a worker thread');
const { file, playbooks } = workerData as ReaderData;
const compiled = playbooks.map((path) => loadPlaybook(path));
const main = compiled[0];
if (main === undefined) throw new Error('replay-worker needs a playbook');

let inFlight = 0;
let resume: (() => void) | undefined;
port.on('message', () => {
  inFlight -= 1;
  resume?.();
});
const writer = new BatchWriter();
for await (const batch of readLines(file)) {
  for (const line of batch.lines) writer.add(toEntry(line, main, compiled));
  const wire = writer.finish(batch.bytes);
  port.postMessage(wire, [wire.numbers.buffer]);
  inFlight += 1;
  while (inFlight >= READ_AHEAD) await new Promise<void>((wake) => (resume = wake));
}
port.postMessage(READER_DONE);
port.close();
