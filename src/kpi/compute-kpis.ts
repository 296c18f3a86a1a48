import { type AutonomyFigures, autonomyFigures } from './autonomy-figures.js';
import { conversationFigures, type ConversationFigures } from './conversation-figures.js';
import { dailySeries, type DailySeries } from './daily-series.js';
import { draftFigures, type DraftFigures } from './draft-figures.js';
import { interventionFigures, type InterventionFigures } from './intervention-figures.js';
import type { KpiContext } from './kpi-context.js';
import { messageVolume, type VolumeFigures } from './message-volume.js';
import type { Period } from './period.js';
import { findQuotaUsage, type QuotaUsage } from '../store/polling-cursors.js';

export interface KpiFigures {
  period: Period;
  /** When the figures were taken: "deadline passed" is judged against it. */
  at: Date;
  volume: VolumeFigures;
  conversations: ConversationFigures;
  drafts: DraftFigures;
  interventions: InterventionFigures;
  daily: DailySeries;
  /** Polled sources with a daily API quota (YouTube): units used in the current quota day, whatever the period. */
  quotas: QuotaUsage[];
  /** Per rule: its level, what it drafted, held and did on its own; the level changes of the period. */
  autonomy: AutonomyFigures;
}

/** Every /kpi figure for a period; the queries are independent, so they run side by side on the pool. */
export const computeKpis = async (ctx: KpiContext, period: Period): Promise<KpiFigures> => {
  const at = ctx.now();
  const [volume, conversations, drafts, interventions, daily, quotas, autonomy] = await Promise.all([
    messageVolume(ctx.db, period),
    conversationFigures(ctx.db, period, at),
    draftFigures(ctx.db, period),
    interventionFigures(ctx.db, period),
    dailySeries(ctx.db, period),
    findQuotaUsage(ctx.db, at),
    autonomyFigures(ctx.db, period),
  ]);
  return { period, at, volume, conversations, drafts, interventions, daily, quotas: quotas.filter((quota) => quota.hasQuota), autonomy };
};
