import type { Assembled } from './assemble.js';
import type { WorkerSide } from './start-worker-side.js';
import type { Web } from './start-web.js';

const closeServer = async (web: Web) => {
  const closing = new Promise<void>((resolve) => web.server.close(() => resolve()));
  web.server.closeIdleConnections();
  await closing;
};

/** Stop taking work first, finish what is in flight, then close connections. */
const stopOrderly = async (app: Assembled, web: Web | undefined, workers: WorkerSide | undefined): Promise<void> => {
  if (web) await Promise.all([closeServer(web), web.closeChatConnections()]);
  await workers?.reconciler.stop();
  await workers?.pollers.stop();
  workers?.burstGuard?.stop();
  await workers?.workers.close();
  await app.queues.close();
  workers?.workerRedis.disconnect();
  app.queueRedis.disconnect();
  await app.db.destroy();
  await web?.closeIngestDb();
};

/** Past the deadline nothing is waited for: connections are cut, and stored work waits for the reconciler. */
const cutEverything = (app: Assembled, web: Web | undefined, workers: WorkerSide | undefined): void => {
  web?.server.closeAllConnections();
  void web?.closeChatConnections().catch(() => undefined);
  workers?.burstGuard?.stop();
  void workers?.pollers.stop().catch(() => undefined);
  workers?.workerRedis.disconnect();
  app.queueRedis.disconnect();
  void app.db.destroy().catch(() => undefined);
  void web?.closeIngestDb().catch(() => undefined);
};

const deadline = (ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  return { reached, clear: () => clearTimeout(timer) };
};

/** An orderly stop within `config.shutdownTimeoutMs`; a Redis that does not answer cannot hold a deploy hostage. */
export const stopInOrder = async (app: Assembled, web: Web | undefined, workers: WorkerSide | undefined): Promise<void> => {
  const limit = deadline(app.config.shutdownTimeoutMs);
  const outcome = await Promise.race([stopOrderly(app, web, workers).then(() => 'stopped' as const), limit.reached]);
  limit.clear();
  if (outcome === 'deadline') {
    app.logger.warn({ timeoutMs: app.config.shutdownTimeoutMs }, 'shutdown deadline reached: unfinished work is left to the reconciler');
    cutEverything(app, web, workers);
  }
  app.logger.info('stopped');
};
