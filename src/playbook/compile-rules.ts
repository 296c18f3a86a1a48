import { CompileIssue } from '../engine/compile-issue.js';
import type { CompiledRule, CompiledTemplate } from '../engine/compiled.js';
import { compileCondition, type TermRegistry } from '../engine/conditions.js';
import { refuseRiskyRegexes } from './regex-safety.js';
import { checkPromiseNames } from './compile-guardrails.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

const templateOf = (reference: string | { template: string }): string => (typeof reference === 'string' ? reference : reference.template);

export const compileRules = (
  spec: PlaybookSpec,
  registry: TermRegistry,
  templates: ReadonlyMap<string, CompiledTemplate>,
): CompiledRule[] => {
  const seen = new Set<string>();
  const funnels = new Set(Object.keys(spec.funnels ?? {}));
  return spec.rules.map((rule, index) => {
    const path = ['rules', index];
    if (seen.has(rule.id)) throw new CompileIssue([...path, 'id'], `expected a unique rule id, "${rule.id}" is used twice`);
    seen.add(rule.id);
    rule.then.forEach((action, actionIndex) => {
      const at = [...path, 'then', actionIndex];
      const reply = action.auto_reply ?? action.draft;
      const key = action.auto_reply !== undefined ? 'auto_reply' : 'draft';
      if (reply !== undefined && !templates.has(templateOf(reply))) {
        throw new CompileIssue([...at, key], `expected a template id defined under templates:, got "${templateOf(reply)}"`);
      }
      if (typeof reply === 'object') checkPromiseNames(spec, reply.allow_promises, [...at, key, 'allow_promises']);
      if (action.funnel !== undefined && !funnels.has(action.funnel)) {
        throw new CompileIssue([...at, 'funnel'], `expected a funnel id defined under funnels:, got "${action.funnel}"`);
      }
    });
    const compiled: CompiledRule = {
      id: rule.id,
      when: compileCondition(rule.when, registry, [...path, 'when']),
      then: rule.then,
      stop: rule.stop ?? false,
    };
    // After compiling, so a regex that is not valid at all is reported as such first.
    refuseRiskyRegexes(rule.id, rule.when, [...path, 'when']);
    if (rule.description !== undefined) compiled.description = rule.description;
    return compiled;
  });
};
