import { userInfo } from 'node:os';
import { createSources } from '../../adapters/sources/index.js';
import { createQuotaLedger } from '../polling/quota-ledger.js';
import type { Config } from '../config.js';
import { resolveAccounts } from '../playbook/accounts.js';
import { loadPlaybook } from '../playbook/index.js';
import { createQueues, redisForQueues } from '../jobs/queues.js';
import { findActionsNeedingAttention } from '../store/actions.js';
import { connectDb } from '../store/db.js';
import { cancelFromCli, retryFromCli, type ActionChangeDeps } from './actions-change.js';
import { formatActionsTable } from './actions-table.js';

export const ACTIONS_USAGE = `usage: switchboard actions [list | retry ID | cancel ID]

  list        actions whose outcome is unknown, stuck in flight past their lease, or failed
  retry ID    ask the platform whether it happened; send it only if it did not
  cancel ID   give the action up (audited); its card says so
`;

const LIST_LIMIT = 500;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const operator = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:operator';
  }
};

/** `switchboard actions …`: the operator's view of actions that did not end well. Returns the exit code. */
export const runActionsCommand = async (args: readonly string[], config: Readonly<Config>, io: Io): Promise<number> => {
  const [verb = 'list', id, ...extra] = args;
  if (verb === 'list' && id === undefined) return listActions(config, io);
  if ((verb !== 'retry' && verb !== 'cancel') || id === undefined || extra.length > 0) {
    io.stderr(ACTIONS_USAGE);
    return 2;
  }
  const database = connectDb(config.databaseUrl, { max: 2 });
  const queues = createQueues(redisForQueues(config.redisUrl), config.queuePrefix);
  const deps: ActionChangeDeps = {
    db: database.db,
    queues,
    platformClients: createSources(config, {
      quotaLedger: createQuotaLedger(database.db, () => new Date()),
      // The playbook's accounts act with their own tokens here too.
      accounts: resolveAccounts(loadPlaybook(config.playbookPath).spec).accounts,
    }).platformClients,
    actor: operator(),
  };
  try {
    io.stdout(`${await (verb === 'retry' ? retryFromCli(deps, id) : cancelFromCli(deps, id))}\n`);
    return 0;
  } catch (error) {
    io.stderr(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await queues.close();
    queues.connection.disconnect();
    await database.close();
  }
};

const listActions = async (config: Readonly<Config>, io: Io): Promise<number> => {
  const database = connectDb(config.databaseUrl, { max: 1 });
  try {
    const actions = await findActionsNeedingAttention(database.db, LIST_LIMIT);
    io.stdout(actions.length === 0 ? 'no actions need attention\n' : `${formatActionsTable(actions, new Date())}\n`);
    return 0;
  } finally {
    await database.close();
  }
};
