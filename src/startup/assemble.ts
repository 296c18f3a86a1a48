import { createChats } from '../../adapters/chat/index.js';
import { createSources, type Sources } from '../../adapters/sources/index.js';
import type { Supports } from '../cards/load-card-model.js';
import { createCommandCenter, type CommandCenter } from '../command-center/command-center.js';
import { type Config, configWarnings } from '../config.js';
import type { KpiContext } from '../kpi/kpi-context.js';
import { createLogger, type Logger } from '../logger.js';
import { createMetrics, type Metrics } from '../metrics.js';
import { type AccountDirectory, accountNames } from '../domain/accounts.js';
import { createEngine, type Engine } from '../pipeline/engine-bridge.js';
import { compileGraduation } from '../autonomy/graduation-bar.js';
import { resolveAccounts } from '../playbook/accounts.js';
import { playbookPolicies, type Policies } from '../pipeline/policies.js';
import { createQuotaLedger } from '../polling/quota-ledger.js';
import { nameAccounts } from '../store/accounts.js';
import { migrateDatabase } from '../store/migrate.js';
import { connectStores, type Stores } from './connect-stores.js';
import type { RunOptions } from './run-options.js';
import { wireChats, type WiredChats } from './wire-chats.js';

/** Everything the web server and the workers share, built once. */
export interface Assembled extends Stores {
  config: Readonly<Config>;
  logger: Logger;
  now: () => Date;
  engine: Engine;
  metrics: Metrics;
  sources: Sources;
  /** The playbook's mapped accounts: tokens and card channels per account. */
  accounts: AccountDirectory;
  chats: WiredChats;
  supports: Supports;
  policies: Policies;
  kpiContext: KpiContext;
  commandCenter: CommandCenter;
}

/** The playbook first (a broken one stops start-up before anything is touched), then stores, sources and chats. */
export const assemble = async (options: RunOptions): Promise<Assembled> => {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const engine = createEngine(config);
  const { accounts, warnings: accountWarnings } = resolveAccounts(engine.playbook.spec, options.env ?? process.env);
  for (const warning of [...engine.warnings, ...configWarnings(config), ...accountWarnings]) logger.warn(warning);
  if (options.migrate) {
    const report = await migrateDatabase(config.databaseUrl);
    logger.info({ ...report }, 'database migrated');
  }
  const stores = await connectStores(config, logger, now);
  // Cards show an account's name from its row; a database that is down now only delays the names.
  await nameAccounts(stores.db, accountNames(accounts)).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not store the names of the playbook’s accounts; cards show their ids until the next start'),
  );
  const metrics = createMetrics();
  const sources = createSources(config, {
    now,
    quotaLedger: createQuotaLedger(stores.db, now),
    whatsappTemplate: engine.playbook.spec.whatsapp?.template,
    accounts,
  });
  const registered = createChats(config, { logger });
  const chats = wireChats(options.chats ? options.chats(registered) : registered);
  const supports: Supports = (platform, action, on) => sources.platformClients.get(platform)?.supports(platform, action, on) ?? false;
  const policies = playbookPolicies(engine.playbook, chats.groupsOf);
  const kpiContext: KpiContext = { db: stores.db, now, timeZone: policies.escalation.timezone, settings: policies.kpi };
  const commandCenter = createCommandCenter({
    db: stores.db,
    queues: stores.queues,
    supports,
    escalationChannel: chats.escalationChannel,
    mayPress: policies.mayPress,
    now,
    autonomy: { levels: engine.levels, notNowMs: compileGraduation(engine.playbook.spec).notNowMs },
  });
  return { ...stores, config, logger, now, engine, metrics, sources, accounts, chats, supports, policies, kpiContext, commandCenter };
};
