import { parseTemplate, slotsOf, TemplateSyntaxError } from '../templates/render-template.js';
import { CompileIssue } from '../engine/compile-issue.js';
import type { CompiledTemplate, Phrasing } from '../engine/compiled.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

/** Always known when a reply is rendered. */
const ALWAYS = new Set(['platform', 'account']);
/** Known only sometimes (no name on the profile, no post, not captured yet): need a fallback. */
const SOMETIMES = new Set(['first_name', 'name', 'username', 'post_url', 'quantity', 'email']);

const captureNames = (spec: PlaybookSpec): Set<string> => {
  const names = new Set<string>();
  for (const funnel of Object.values(spec.funnels ?? {})) {
    for (const step of Object.values(funnel.steps)) {
      if (step.capture === 'number') names.add(step.as ?? 'quantity');
      if (step.capture === 'email') names.add('email');
    }
  }
  return names;
};

export const compileTemplates = (spec: PlaybookSpec): Map<string, CompiledTemplate> => {
  const variables = new Set(Object.keys(spec.variables ?? {}));
  const sometimes = new Set([...SOMETIMES, ...captureNames(spec)]);
  const templates = new Map<string, CompiledTemplate>();
  for (const [id, byLanguage] of Object.entries(spec.templates ?? {})) {
    const compiled = new Map<string, Phrasing[]>();
    for (const [language, value] of Object.entries(byLanguage)) {
      const texts = typeof value === 'string' ? [value] : value;
      compiled.set(
        language,
        texts.map((text, index) => {
          const path = ['templates', id, language, ...(typeof value === 'string' ? [] : [index])];
          let parts: ReturnType<typeof parseTemplate>;
          try {
            parts = parseTemplate(text);
          } catch (error) {
            if (error instanceof TemplateSyntaxError) throw new CompileIssue(path, error.message);
            throw error;
          }
          for (const slot of slotsOf(parts)) {
            if (slot.fallback !== undefined || ALWAYS.has(slot.name) || variables.has(slot.name)) continue;
            if (sometimes.has(slot.name)) {
              throw new CompileIssue(path, `expected a fallback for {{${slot.name}}}, which may be missing, e.g. {{${slot.name}|there}}`);
            }
            throw new CompileIssue(
              path,
              `expected {{${slot.name}}} to be defined under variables:, or to have a fallback such as {{${slot.name}|…}}`,
            );
          }
          return { id: `${id}.${language}.${index + 1}`, parts };
        }),
      );
    }
    templates.set(id, { id, byLanguage: compiled });
  }
  return templates;
};
