import { parseArgs } from 'node:util';
import { compileAutonomy, type RuleAutonomy } from '../autonomy/levels.js';
import type { Config } from '../config.js';
import { errorMessage } from '../errors.js';
import { loadPlaybook } from '../playbook/index.js';
import { findRuleEvidence, type RuleEvidence } from '../store/autonomy-evidence.js';
import { findOverlays, type Overlay } from '../store/autonomy-overlays.js';
import { connectDb } from '../store/db.js';

export interface AutonomyIo {
  stdout: (text: string) => unknown;
  stderr: (text: string) => unknown;
}

export const AUTONOMY_USAGE = `usage: switchboard autonomy [--days N]

Each rule's autonomy level (draft, veto or auto, with its per-platform and per-language overrides),
the level set from chat over it (Promote, a demotion: since when, by whom and why) and its evidence over the last N days (default 30): drafts and the share approved unchanged, edited
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

/** "auto in the file, draft from chat since 2026-11-30 21:04 UTC by slack:U1 (demoted: …)". */
export const describeOverlay = (fileLevel: string, overlay: Pick<Overlay, 'level' | 'since' | 'set_by' | 'why'>): string =>
  `${fileLevel} in the file, ${overlay.level} from chat since ${overlay.since.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${overlay.set_by} (${overlay.why})`;

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
    const overlays = new Map((await findOverlays(handle.db)).map((overlay) => [overlay.rule, overlay]));
    io.stdout(
      `rule autonomy and its evidence over the last ${days} days (levels from the playbook file, and any set from chat over them)\n`,
    );
    for (const autonomy of autonomies.values()) {
      const overlay = overlays.get(autonomy.rule);
      const level = overlay ? describeOverlay(describeLevel(autonomy), overlay) : describeLevel(autonomy);
      io.stdout(`${autonomy.rule}: ${level} — ${describeEvidence(evidence.get(autonomy.rule))}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`switchboard autonomy: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
};
