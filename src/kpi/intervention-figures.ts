import { sql } from 'kysely';
import type { DecisionKind } from '../domain/decision.js';
import type { Db } from '../store/db.js';
import type { Period } from './period.js';

/**
 * Decisions that take effect with nobody pressing anything. Handoffs, drafts, escalations and
 * block proposals wait for a person, so a person acting on them is the plan, not an intervention.
 */
export const AUTOMATED_DECISION_KINDS: readonly DecisionKind[] = ['auto_reply', 'hide', 'delete', 'tag', 'funnel', 'lead', 'ignore'];

export interface InterventionFigures {
  automated: number;
  reversed: number;
}

export const interventionFigures = async (db: Db, period: Period): Promise<InterventionFigures> => {
  const { rows } = await sql<InterventionFigures>`
    SELECT count(*)::int AS automated, count(reversed_at)::int AS reversed
    FROM decisions
    WHERE created_at >= ${period.from} AND created_at < ${period.to}
      AND kind IN (${sql.join([...AUTOMATED_DECISION_KINDS])})
  `.execute(db);
  return rows[0] ?? { automated: 0, reversed: 0 };
};
