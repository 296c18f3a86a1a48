import { writeAudit } from '../store/audit.js';
import { findRecordedLevels } from '../store/autonomy-levels.js';
import { findOverlays, removeOverlays } from '../store/autonomy-overlays.js';
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
  await retireOverlays(db, autonomies, source);
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

/**
 * A level set from chat stands over the file's level it was set on; once the playbook file says
 * something else for the rule (or drops it), the file wins: the overlay is removed, and audited.
 */
export const retireOverlays = async (db: Db, autonomies: ReadonlyMap<string, RuleAutonomy>, source: string): Promise<number> => {
  const stale = (await findOverlays(db)).filter((overlay) => autonomies.get(overlay.rule)?.level !== overlay.file_level);
  const removed = await removeOverlays(
    db,
    stale.map((overlay) => overlay.rule),
  );
  await writeAudit(
    db,
    removed.map((overlay) => ({
      actor: 'system',
      action: 'autonomy:overlay_removed',
      subjectType: 'rule' as const,
      subjectId: overlay.rule,
      detail: {
        was: overlay.level,
        setBy: overlay.set_by,
        now: autonomies.get(overlay.rule)?.level ?? null,
        why: `the playbook ${source} changed the rule’s level since it was set from chat; the file wins`,
      },
    })),
  );
  return removed.length;
};
