export { loadPlaybook, parsePlaybook } from './load.js';
export { defaultPlaybookPath, packageRoot } from './package-root.js';
export type { PlaybookSpec, RuleSpec, ConditionSpec, ActionSpec } from '../playbook-spec/schema.js';
export type { CompiledPlaybook } from '../engine/compiled.js';
