import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { Period } from './period.js';

export interface ResponseTimes {
  answered: number;
  /** Wall time from the first inbound message to the first reply, in milliseconds. */
  medianMs: number | null;
  p90Ms: number | null;
}

/** Conversation-level figures for the conversations that started in the period. */
export interface ConversationFigures {
  started: number;
  needingResponse: number;
  automated: ResponseTimes;
  human: ResponseTimes;
  sla: { due: number; met: number };
  resolved: number;
  resolvedWithoutEscalation: number;
  escalated: number;
  acknowledged: number;
  acknowledgeMedianMs: number | null;
  funnel: { dms: number; qualified: number; booked: number; converted: number };
}

interface Row {
  started: number;
  needing: number;
  auto_answered: number;
  auto_frt: number[] | null;
  human_answered: number;
  human_frt: number[] | null;
  sla_due: number;
  sla_met: number;
  resolved: number;
  resolved_unescalated: number;
  escalated: number;
  acknowledged: number;
  ack_median: number | null;
  dms: number;
  qualified: number;
  booked: number;
  converted: number;
}

const ms = (seconds: number | null | undefined): number | null =>
  seconds === null || seconds === undefined ? null : Math.round(seconds * 1000);

const times = (answered: number, quantiles: number[] | null): ResponseTimes => ({
  answered,
  medianMs: ms(quantiles?.[0]),
  p90Ms: ms(quantiles?.[1]),
});

/** One pass over the conversations that started in the period: the cohort every conversation-level KPI shares. */
export const conversationFigures = async (db: Db, period: Period, now: Date): Promise<ConversationFigures> => {
  const { rows } = await sql<Row>`
    WITH cohort AS (
      SELECT kind, state, needs_response, first_response_at, first_response_by, sla_deadline_at,
             escalated_at, acknowledged_at, qualified_at, booked_at, converted_at,
             -- date_part, not extract: float8 arithmetic instead of numeric, several times faster here.
             greatest(0, date_part('epoch', first_response_at - first_inbound_at)) AS frt
      FROM conversations
      WHERE first_inbound_at >= ${period.from} AND first_inbound_at < ${period.to}
    )
    SELECT count(*)::int AS started,
      count(*) FILTER (WHERE needs_response)::int AS needing,
      count(frt) FILTER (WHERE needs_response AND first_response_by = 'automation')::int AS auto_answered,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY frt)
        FILTER (WHERE needs_response AND first_response_by = 'automation') AS auto_frt,
      count(frt) FILTER (WHERE needs_response AND first_response_by = 'human')::int AS human_answered,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY frt)
        FILTER (WHERE needs_response AND first_response_by = 'human') AS human_frt,
      -- Due: answered, or no longer answerable in time. A reply on the deadline itself is within it.
      count(*) FILTER (WHERE sla_deadline_at IS NOT NULL
        AND (first_response_at IS NOT NULL OR sla_deadline_at <= ${now}))::int AS sla_due,
      count(*) FILTER (WHERE first_response_at <= sla_deadline_at)::int AS sla_met,
      count(*) FILTER (WHERE state = 'resolved')::int AS resolved,
      count(*) FILTER (WHERE state = 'resolved' AND escalated_at IS NULL)::int AS resolved_unescalated,
      count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated,
      count(*) FILTER (WHERE escalated_at IS NOT NULL AND acknowledged_at IS NOT NULL)::int AS acknowledged,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, date_part('epoch', acknowledged_at - escalated_at)))
        FILTER (WHERE escalated_at IS NOT NULL AND acknowledged_at IS NOT NULL) AS ack_median,
      -- The funnel starts at a DM, so leads tagged on public comments are not in it.
      count(*) FILTER (WHERE kind = 'dm')::int AS dms,
      count(*) FILTER (WHERE kind = 'dm' AND qualified_at IS NOT NULL)::int AS qualified,
      count(*) FILTER (WHERE kind = 'dm' AND booked_at IS NOT NULL)::int AS booked,
      count(*) FILTER (WHERE kind = 'dm' AND converted_at IS NOT NULL)::int AS converted
    FROM cohort
  `.execute(db);

  const total = rows[0];
  return {
    started: total?.started ?? 0,
    needingResponse: total?.needing ?? 0,
    automated: times(total?.auto_answered ?? 0, total?.auto_frt ?? null),
    human: times(total?.human_answered ?? 0, total?.human_frt ?? null),
    sla: { due: total?.sla_due ?? 0, met: total?.sla_met ?? 0 },
    resolved: total?.resolved ?? 0,
    resolvedWithoutEscalation: total?.resolved_unescalated ?? 0,
    escalated: total?.escalated ?? 0,
    acknowledged: total?.acknowledged ?? 0,
    acknowledgeMedianMs: ms(total?.ack_median),
    funnel: {
      dms: total?.dms ?? 0,
      qualified: total?.qualified ?? 0,
      booked: total?.booked ?? 0,
      converted: total?.converted ?? 0,
    },
  };
};
