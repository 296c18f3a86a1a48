import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { run } from '../../src/main.js';
import { countQueries, queriesSoFar } from './query-count.js';
import { reportStartFailure, serveParent } from './server-process.js';

/*
 * Switchboard as it runs in production: one process with the web server and the workers,
 * configured from the environment the benchmark hands it (its fakes, database and Redis prefix).
 * Its Postgres round trips are counted (one increment per query) for the round-trips figure.
 */
const main = async () => {
  countQueries();
  // BENCH_WORKERS=0 runs the web server alone, to tell ingest cost from worker cost when investigating.
  const worker = process.env.BENCH_WORKERS !== '0';
  const running = await run({ config: loadConfig(process.env), web: true, worker, logger: silentLogger() });
  if (!running.url) throw new Error('Switchboard started without a web server');
  serveParent(`${running.url}/webhooks/meta`, running.stop, queriesSoFar);
};

main().catch(reportStartFailure);
