import type { Assembled } from './assemble.js';
import type { WorkerSide } from './start-worker-side.js';
import type { Web } from './start-web.js';

const closeServer = async (web: Web) => {
  const closing = new Promise<void>((resolve) => web.server.close(() => resolve()));
  web.server.closeIdleConnections();
  await closing;
};

/** Stop taking work first, finish what is in flight, then close connections. */
export const stopInOrder = async (app: Assembled, web: Web | undefined, workers: WorkerSide | undefined): Promise<void> => {
  if (web) await closeServer(web);
  await workers?.reconciler.stop();
  workers?.burstGuard?.stop();
  await workers?.workers.close();
  await app.queues.close();
  workers?.workerRedis.disconnect();
  app.queueRedis.disconnect();
  await app.db.destroy();
  await web?.closeIngestDb();
  app.logger.info('stopped');
};
