import { parseArgs } from 'node:util';
import { compileAutonomy, type RuleAutonomy } from '../autonomy/levels.js';
import type { Config } from '../config.js';
import { errorMessage } from '../errors.js';
import { loadPlaybook } from '../playbook/index.js';
import { findRuleEvidence, type RuleEvidence } from '../store/autonomy-evidence.js';
import { connectDb } from '../store/db.js';

export interface AutonomyIo {
  stdout: (text: string) => unknown;
  stderr: (text: string) => unknown;
}

export const AUTONOMY_USAGE = `usage: switchboard autonomy [--days N]

Each rule's autonomy level (draft, veto or auto, with its per-platform and per-language overrides)
and its evidence over the last N days (default 30): drafts and the share approved unchanged, edited
and rejected; replies held at veto and how many were stopped; automatic actions and how many were undone.
`;

const DAY_MS = 86_400_000;

/** "veto (instagram: draft, de: draft)": the level, then where it differs. */
export const describeLevel = (autonomy: RuleAutonomy): string => {
  const overrides = [...Object.entries(autonomy.platforms), ...Object.entries(autonomy.languages)].map(
    ([where, level]) => `${where}: ${level}`,
  );
  return overrides.length > 0 ? `${autonomy.level} (${overrides.join(', ')})` : autonomy.level;
};

const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)}%`);

/** One rule's line of evidence, in words. */
export const describeEvidence = (evidence: RuleEvidence | undefined): string => {
  if (!evidence) return 'no record yet';
  const { drafts, approved, edited, rejected } = evidence;
  const parts = [
    `${drafts} drafts: ${share(approved, drafts)} approved unchanged, ${share(edited, drafts)} edited, ${share(rejected, drafts)} rejected`,
  ];
  if (evidence.vetoHeld > 0) parts.push(`${evidence.vetoHeld} at veto: ${evidence.vetoSent} sent, ${evidence.vetoed} stopped`);
  if (evidence.automatic > 0) parts.push(`${evidence.automatic} automatic: ${evidence.undone} undone`);
  return parts.join('; ');
};

/** `switchboard autonomy`: returns the exit code. */
export const runAutonomyCommand = async (args: string[], config: Readonly<Config>, io: AutonomyIo, now = new Date()): Promise<number> => {
  let days: number;
  try {
    const { values } = parseArgs({ args, options: { days: { type: 'string' } } });
    days = Number(values.days ?? '30');
    if (!Number.isInteger(days) || days < 1) throw new Error('expected --days, a whole number of days such as 30');
  } catch (error) {
    io.stderr(`switchboard autonomy: ${errorMessage(error)}\n${AUTONOMY_USAGE}`);
    return 2;
  }
  const autonomies = compileAutonomy(loadPlaybook(config.playbookPath).spec);
  const handle = connectDb(config.databaseUrl, { max: 2 });
  try {
    const evidence = await findRuleEvidence(handle.db, new Date(now.getTime() - days * DAY_MS));
    io.stdout(`rule autonomy and its evidence over the last ${days} days (levels come from the playbook; no chat-made overlays)\n`);
    for (const autonomy of autonomies.values()) {
      io.stdout(`${autonomy.rule}: ${describeLevel(autonomy)} — ${describeEvidence(evidence.get(autonomy.rule))}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`switchboard autonomy: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
};
