import type { Migration } from 'kysely';
import * as init from './0001_init.js';
import * as escalationsSla from './0003_escalations_sla.js';
import * as alertAttempts from './0004_alert_attempts.js';
import * as kpi from './0002_kpi.js';
import * as pollingCursors from './0005_polling_cursors.js';
import * as actionOutcomes from './0006_action_outcomes.js';
import * as messageEdits from './0007_message_edits.js';
import * as retention from './0008_retention.js';
import * as cardPlacements from './0009_card_placements.js';
import * as historyWindows from './0013_history_windows.js';
import * as autonomy from './0015_autonomy.js';
import * as autonomyOverlays from './0016_autonomy_overlays.js';
import * as stormFolds from './0017_storm_folds.js';
import * as actionsByMessage from './0018_actions_by_message.js';

// Explicit, ordered registry: a migration exists when it is listed here.
export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_kpi': kpi,
  '0003_escalations_sla': escalationsSla,
  '0004_alert_attempts': alertAttempts,
  '0005_polling_cursors': pollingCursors,
  '0006_action_outcomes': actionOutcomes,
  '0007_message_edits': messageEdits,
  '0008_retention': retention,
  '0009_card_placements': cardPlacements,
  '0013_history_windows': historyWindows,
  '0015_autonomy': autonomy,
  '0016_autonomy_overlays': autonomyOverlays,
  '0017_storm_folds': stormFolds,
  '0018_actions_by_message': actionsByMessage,
};
