export { decide, describeMessage, messageSignals } from './decide.js';
export { emptyContext, seededRandom, type EngineContext, type FunnelState } from './context.js';
export { isTrigger, SAFETY_RULES } from './safety.js';
export { addBusinessTime, isBusinessHours } from './business-hours.js';
export { foldText, foldTerm } from './fold-text.js';
export type { CompiledPlaybook } from './compiled.js';
export { eventsFrom, NO_EVENTS, type RecentEvents } from './recent-events.js';
export { EventRing } from './event-ring.js';
