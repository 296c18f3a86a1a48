import type { InboundItem } from '../domain/source.js';
import type { Db } from '../store/db.js';
import { NOTHING, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';

/** A delivery status for one of our sends: it settles that action (in this transaction) and is told on its card after commit. */
export const ingestStatus = async (
  trx: Db,
  deps: PipelineDeps,
  item: Extract<InboundItem, { type: 'status' }>,
): Promise<PipelineOutcome> => {
  const outcome = await deps.settleDelivery?.(trx, item.status);
  return outcome ? { ...NOTHING, deliveries: [outcome] } : NOTHING;
};
