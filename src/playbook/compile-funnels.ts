import { CompileIssue } from '../engine/compile-issue.js';
import type { CompiledFunnel, CompiledFunnelStep, CompiledTemplate } from '../engine/compiled.js';
import { registerTerms, type TermRegistry } from '../engine/conditions.js';
import { parseDuration } from '../engine/windows.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

const DEFAULT_EXPIRY_MS = 7 * 86_400_000;

export const compileFunnels = (
  spec: PlaybookSpec,
  registry: TermRegistry,
  templates: ReadonlyMap<string, CompiledTemplate>,
): Map<string, CompiledFunnel> => {
  const funnels = new Map<string, CompiledFunnel>();
  for (const [id, funnel] of Object.entries(spec.funnels ?? {})) {
    const path = ['funnels', id];
    const stepIds = new Set(Object.keys(funnel.steps));
    const needStep = (target: string, where: (string | number)[]): void => {
      if (!stepIds.has(target)) {
        throw new CompileIssue([...path, ...where], `expected a step of this funnel (${[...stepIds].join(', ')}), got "${target}"`);
      }
    };
    needStep(funnel.start, ['start']);
    const steps = new Map<string, CompiledFunnelStep>();
    for (const [stepId, step] of Object.entries(funnel.steps)) {
      const at = ['steps', stepId];
      if (!templates.has(step.say)) {
        throw new CompileIssue([...path, ...at, 'say'], `expected a template id defined under templates:, got "${step.say}"`);
      }
      const choiceTerms = (step.choices ?? []).map((choice, index) => {
        needStep(choice.next, [...at, 'choices', index, 'next']);
        return registerTerms(registry, choice.keywords, [...path, ...at, 'choices', index, 'keywords']);
      });
      if (step.next) needStep(step.next, [...at, 'next']);
      if (step.qualify) {
        needStep(step.qualify.then, [...at, 'qualify', 'then']);
        needStep(step.qualify.else, [...at, 'qualify', 'else']);
      }
      steps.set(stepId, { ...step, id: stepId, choiceTerms });
    }
    funnels.set(id, {
      id,
      start: funnel.start,
      expireAfterMs: funnel.expire_after ? (parseDuration(funnel.expire_after) ?? DEFAULT_EXPIRY_MS) : DEFAULT_EXPIRY_MS,
      maxRetries: funnel.max_retries ?? 1,
      steps,
    });
  }
  return funnels;
};
