import type { ReadinessCheck } from './http/app.js';
import { assemble, type Assembled } from './startup/assemble.js';
import { pingDatabase } from './store/ping.js';
import type { RunOptions, Running } from './startup/run-options.js';
import { startWorkerSide } from './startup/start-worker-side.js';
import { startWeb } from './startup/start-web.js';
import { stopInOrder } from './startup/stop.js';

export type { RunOptions, Running } from './startup/run-options.js';

const readinessChecks = ({ db, queueRedis }: Assembled): ReadinessCheck[] => [
  { name: 'postgres', check: () => pingDatabase(db) },
  { name: 'redis', check: async () => void (await queueRedis.ping()) },
];

/** The composition root: configuration in, a running Switchboard (web, workers or both) out. */
export const run = async (options: RunOptions): Promise<Running> => {
  const app = await assemble(options);
  const web = options.web ? await startWeb(app, readinessChecks(app)) : undefined;
  const workers = options.worker ? await startWorkerSide(app, options, web) : undefined;
  let stopping: Promise<void> | undefined;
  return { url: web?.url, stop: () => (stopping ??= stopInOrder(app, web, workers)) };
};
