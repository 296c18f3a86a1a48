import { firstName } from '../domain/message.js';
import { choosePhrasing } from '../templates/choose-phrasing.js';
import { renderTemplate, type TemplateVariables, type VariableLookup } from '../templates/render-template.js';
import type { CompiledTemplate } from './compiled.js';
import type { Facts } from './facts.js';
import { writtenIn } from './language.js';

export interface RenderedReply {
  text: string;
  /** The template id. */
  source: string;
  phrasing: string;
  language: string;
}

/** Variables every template may use, over the playbook's own `variables`; looked up, not copied. */
export const messageVariables = (facts: Facts, extra: TemplateVariables = {}): VariableLookup => {
  const { message } = facts;
  return (name) => {
    const given = extra[name];
    if (given !== undefined) return given;
    switch (name) {
      case 'first_name':
        return firstName(message.author);
      case 'name':
        return message.author.name;
      case 'username':
        return message.author.username;
      case 'platform':
        return message.platform;
      case 'account':
        return message.accountId;
      case 'post_url':
        return message.post?.url;
      default:
        return facts.playbook.variables[name];
    }
  };
};

/** Languages the matched playbook terms were listed under; empty when the playbook did not say. */
const languagesOfTerms = (facts: Facts, matched: readonly string[]): Set<string> => {
  const languages = new Set<string>();
  for (const hit of facts.termHits) {
    if (!matched.includes(hit.text)) continue;
    for (const language of facts.playbook.termLanguages[hit.term] ?? []) languages.add(language);
  }
  return languages;
};

/**
 * Reply in the author's language where the template has it: the language of the matched
 * terms first (short questions fool detectors), detection only when they leave a choice,
 * then the playbook default.
 */
export const chooseLanguage = (template: CompiledTemplate, facts: Facts, matched: readonly string[]): string => {
  const fallback = (): string =>
    template.byLanguage.has(facts.playbook.defaultLanguage)
      ? facts.playbook.defaultLanguage
      : ([...template.byLanguage.keys()][0] as string);
  if (template.byLanguage.size === 1) return [...template.byLanguage.keys()][0] as string;
  const byTerms = [...languagesOfTerms(facts, matched)];
  const usable = byTerms.filter((language) => template.byLanguage.has(language));
  if (usable.length === 1) return usable[0] as string;
  // The terms are all from languages this template lacks: detection could not help.
  if (byTerms.length > 0 && usable.length === 0) return fallback();
  // Greek text cannot want the English template of an en/el pair: no detector needed.
  const script = facts.script;
  const plausible = (usable.length > 0 ? usable : [...template.byLanguage.keys()]).filter((language) => writtenIn(language, script));
  if (plausible.length === 1) return plausible[0] as string;
  if (plausible.length === 0) return fallback();
  const detected = facts.language;
  return template.byLanguage.has(detected) && (usable.length === 0 || usable.includes(detected)) ? detected : fallback();
};

export const renderReply = (templateId: string, facts: Facts, matched: readonly string[], extra: TemplateVariables = {}): RenderedReply => {
  const template = facts.playbook.templates.get(templateId);
  if (template === undefined) throw new Error(`template ${templateId} was not compiled`);
  const language = chooseLanguage(template, facts, matched);
  const phrasings = template.byLanguage.get(language) ?? [];
  const phrasing = choosePhrasing(phrasings, facts.context.recentPhrasings, facts.context.random);
  if (phrasing === undefined) throw new Error(`template ${templateId} has no phrasing in ${language}`);
  return { text: renderTemplate(phrasing.parts, messageVariables(facts, extra)), source: templateId, phrasing: phrasing.id, language };
};
