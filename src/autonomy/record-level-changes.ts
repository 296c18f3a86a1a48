import { writeAudit } from '../store/audit.js';
import { findRecordedLevels } from '../store/autonomy-levels.js';
import type { Db } from '../store/db.js';
import type { RuleAutonomy } from './levels.js';

/** JSON with keys sorted at every depth: jsonb gives keys back in its own order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

/** What the audit keeps of a rule's autonomy: the levels, not the timings. */
const levelsOf = (autonomy: RuleAutonomy) => ({ level: autonomy.level, platforms: autonomy.platforms, languages: autonomy.languages });

/**
 * At start-up: each rule whose autonomy differs from the last one recorded gets an audit line saying
 * what it was, what it is, and why (the playbook file says so). A rule never recorded at `draft` is
 * today's behaviour and needs no line.
 */
export const recordLevelChanges = async (db: Db, autonomies: ReadonlyMap<string, RuleAutonomy>, source: string): Promise<number> => {
  const recorded = await findRecordedLevels(db);
  const changes = [...autonomies.values()].flatMap((autonomy) => {
    const now = levelsOf(autonomy);
    const was = recorded.get(autonomy.rule);
    const unchanged = was === undefined ? isPlainDraft(autonomy) : canonical(was) === canonical(now);
    return unchanged ? [] : [{ rule: autonomy.rule, was: was ?? null, now }];
  });
  await writeAudit(
    db,
    changes.map((change) => ({
      actor: 'system',
      action: 'autonomy:level',
      subjectType: 'rule' as const,
      subjectId: change.rule,
      detail: { was: change.was, now: change.now, why: `the playbook ${source} sets it` },
    })),
  );
  return changes.length;
};

const isPlainDraft = (autonomy: RuleAutonomy): boolean =>
  autonomy.level === 'draft' && Object.keys(autonomy.platforms).length === 0 && Object.keys(autonomy.languages).length === 0;
