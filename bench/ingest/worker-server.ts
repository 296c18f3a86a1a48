import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { run } from '../../src/main.js';
import { countQueries, queriesSoFar } from './query-count.js';
import { reportStartFailure, serveParent } from './server-process.js';

/*
 * One more `switchboard worker` (no web server) on the same database and Redis prefix, for the
 * scale-out row: how sustained processing grows with worker processes. Its round trips are counted too.
 */
const main = async () => {
  countQueries();
  const running = await run({ config: loadConfig(process.env), web: false, worker: true, logger: silentLogger() });
  serveParent('', running.stop, queriesSoFar);
};

main().catch(reportStartFailure);
