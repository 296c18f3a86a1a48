#!/usr/bin/env node
import { loadConfig, type Config } from './config.js';
import { AppError } from './errors.js';
import { createLogger } from './logger.js';
import type { Running } from './main.js';

const USAGE = `usage: switchboard <command>

commands:
  start                 migrate, then run the web server and the workers in one process
  web                   run only the web server (webhooks, Slack, health, metrics)
  worker                run only the workers (any number, on any machine)
  migrate               create the database if needed and apply migrations
  replay FILE [--playbook P] [--json | --html REPORT] [--diff OTHER]
                        run a playbook over a JSONL file with no services and report
  eval [FILE…] [--labels L] [--playbook P] [--json]
                        score a playbook on labelled comments (precision, recall, misses)
  playbook check [FILE] validate a playbook: errors with line and column, rules that can never fire
  playbook schema       print the playbook's JSON Schema (for editors)
  doctor                check the configuration and every connection
  forget --platform P --author ID
                        erase a person's texts, name and raw events; redact their cards
  autonomy [--days N]   each rule's autonomy level (draft, veto, auto), any level set from chat
                        over it, and its evidence: drafts approved unchanged, edited, rejected;
                        vetoed; undone
  actions [list | retry ID | cancel ID]
                        actions whose outcome is unknown, stuck or failed; retry or cancel one
  discord register [--guild ID]
                        register /sla and /kpi with Discord; print them and the invite URL
`;

const fail = (message: string, code = 2): never => {
  process.stderr.write(`switchboard: ${message}\n`);
  process.exit(code);
};

const config = (): Readonly<Config> => {
  try {
    return loadConfig(process.env);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
};

const serve = async (roles: { web: boolean; worker: boolean; migrate: boolean }) => {
  const settings = config();
  const logger = createLogger(settings.logLevel);
  // Signals are handled before any work starts: workers take jobs before run() returns.
  let starting: Promise<Running> | undefined;
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    logger.info({ signal }, 'shutting down: finishing work in flight (send again to force)');
    if (!starting) process.exit(0);
    // Whatever hangs (a Redis that does not answer, a start-up still waiting on it), the process ends in time:
    // everything is stored in Postgres first, so the reconciler finishes what was left.
    setTimeout(() => {
      logger.warn({ timeoutMs: settings.shutdownTimeoutMs }, 'shutdown deadline reached: unfinished work is left to the reconciler');
      process.exit(0);
    }, settings.shutdownTimeoutMs).unref();
    starting
      .then((running) => running.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error during shutdown');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  const { run } = await import('./main.js');
  starting = run({ config: settings, ...roles, logger });
  try {
    await starting;
  } catch (error) {
    if (error instanceof AppError) fail(error.message);
    logger.fatal({ err: error }, 'could not start');
    fail(error instanceof Error ? error.message : String(error), 1);
  }
};

// Each command imports what it needs when it runs: `replay` and `eval` should not pay for
// loading the server (Bolt, BullMQ, discord.js…), a second of start-up and ~100 MB of RSS.
const main = async (argv: string[]) => {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return serve({ web: true, worker: true, migrate: true });
    case 'web':
      return serve({ web: true, worker: false, migrate: false });
    case 'worker':
      return serve({ web: false, worker: true, migrate: false });
    case 'migrate': {
      const settings = config();
      const { migrateDatabase } = await import('./store/migrate.js');
      const report = await migrateDatabase(settings.databaseUrl).catch((error: unknown) =>
        fail(`migration failed: ${error instanceof Error ? error.message : String(error)} — check DATABASE_URL`, 1),
      );
      process.stdout.write(
        `${report.created ? 'created the database; ' : ''}${report.applied.length === 0 ? 'already up to date' : `applied ${report.applied.join(', ')}`}\n`,
      );
      return;
    }
    case 'doctor': {
      const settings = config();
      const [{ runDoctor }, { doctorChecks }] = await Promise.all([import('./cli/doctor.js'), import('./cli/doctor-checks.js')]);
      const lines = await runDoctor(doctorChecks(settings), (line) => process.stdout.write(`${line}\n`));
      process.exit(lines.some((line) => line.status === 'fail') ? 1 : 0);
      return;
    }
    case 'actions': {
      const { runActionsCommand } = await import('./cli/actions.js');
      const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
      process.exit(await runActionsCommand(rest, config(), io));
      return;
    }
    case 'replay': {
      const { runReplay } = await import('./cli/replay.js');
      const code = await runReplay(rest, {
        stdout: process.stdout,
        stderr: process.stderr,
        isTTY: Boolean(process.stderr.isTTY),
        stdoutIsTTY: Boolean(process.stdout.isTTY),
      });
      process.exit(code);
      return;
    }
    case 'eval':
      return process.exit((await import('./cli/eval.js')).runEval(rest, { stdout: process.stdout, stderr: process.stderr }));
    case 'playbook': {
      const { runPlaybookCommand } = await import('./cli/playbook.js');
      const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
      process.exit(runPlaybookCommand(rest, process.env, io));
      return;
    }
    case 'autonomy': {
      const { runAutonomyCommand } = await import('./cli/autonomy.js');
      const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
      process.exit(await runAutonomyCommand(rest, config(), io));
      return;
    }
    case 'forget': {
      const { runForget } = await import('./cli/forget.js');
      process.exit(await runForget(rest, config(), { stdout: process.stdout, stderr: process.stderr }));
      return;
    }
    case 'discord': {
      const { runDiscordCommand } = await import('./cli/discord-register.js');
      process.exit(await runDiscordCommand(rest, config(), { stdout: process.stdout, stderr: process.stderr }));
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      fail(`unknown command "${command}"\n${USAGE}`);
  }
};

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) fail(error.message);
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1);
});
