import type { Decision } from '../domain/decision.js';
import { firstName } from '../domain/message.js';
import { choosePhrasing } from '../templates/choose-phrasing.js';
import type { TemplateVariables, VariableLookup } from '../templates/render-template.js';
import { renderChecked } from './checked-render.js';
import type { CompiledTemplate } from './compiled.js';
import type { Facts } from './facts.js';
import { writtenIn } from './language.js';

export interface RenderedReply {
  text: string;
  /** The template id. */
  source: string;
  phrasing: string;
  language: string;
  /** Why the author's values were left out of an otherwise usable reply (see `renderChecked`). */
  refused?: string;
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

/** Languages the matched playbook terms were listed under, in order of first mention; empty when the playbook did not say. */
const languagesOfTerms = (facts: Facts, matched: readonly string[]): string[] => {
  // A list, not a Set: a reply's terms name a language or two, and this runs for every reply.
  const languages: string[] = [];
  for (const hit of facts.termHits) {
    if (!matched.includes(hit.text)) continue;
    for (const language of facts.playbook.termLanguages[hit.term] ?? NO_LANGUAGES) {
      if (!languages.includes(language)) languages.push(language);
    }
  }
  return languages;
};

const NO_LANGUAGES: readonly string[] = [];

const firstLanguage = (template: CompiledTemplate): string => template.byLanguage.keys().next().value as string;

const fallbackLanguage = (template: CompiledTemplate, facts: Facts): string =>
  template.byLanguage.has(facts.playbook.defaultLanguage) ? facts.playbook.defaultLanguage : firstLanguage(template);

/**
 * Reply in the author's language where the template has it: the language of the matched
 * terms first (short questions fool detectors), detection only when they leave a choice,
 * then the playbook default.
 */
export const chooseLanguage = (template: CompiledTemplate, facts: Facts, matched: readonly string[]): string => {
  if (template.byLanguage.size === 1) return firstLanguage(template);
  const byTerms = languagesOfTerms(facts, matched);
  const usable = byTerms.filter((language) => template.byLanguage.has(language));
  if (usable.length === 1) return usable[0] as string;
  // The terms are all from languages this template lacks: detection could not help.
  if (byTerms.length > 0 && usable.length === 0) return fallbackLanguage(template, facts);
  // Greek text cannot want the English template of an en/el pair: no detector needed.
  const script = facts.script;
  const plausible = (usable.length > 0 ? usable : [...template.byLanguage.keys()]).filter((language) => writtenIn(language, script));
  if (plausible.length === 1) return plausible[0] as string;
  if (plausible.length === 0) return fallbackLanguage(template, facts);
  const detected = facts.language;
  return template.byLanguage.has(detected) && (usable.length === 0 || usable.includes(detected))
    ? detected
    : fallbackLanguage(template, facts);
};

const NONE: readonly string[] = [];

/**
 * The reply in the author's language, its name slots checked (see `renderChecked`): `refused`
 * is set when the author's values made the text unsafe and the no-name variant was used.
 */
export const renderReply = (
  templateId: string,
  facts: Facts,
  matched: readonly string[],
  extra: TemplateVariables = {},
  allowPromises: readonly string[] = NONE,
): RenderedReply => {
  const template = facts.playbook.templates.get(templateId);
  if (template === undefined) throw new Error(`template ${templateId} was not compiled`);
  const language = chooseLanguage(template, facts, matched);
  const phrasings = template.byLanguage.get(language) ?? [];
  const phrasing = choosePhrasing(phrasings, facts.context.recentPhrasings, facts.context.random);
  if (phrasing === undefined) throw new Error(`template ${templateId} has no phrasing in ${language}`);
  const checked = renderChecked(phrasing.parts, messageVariables(facts, extra), facts.playbook.drafts.guardrails, allowPromises);
  const reply: RenderedReply = { text: checked.text, source: templateId, phrasing: phrasing.id, language };
  if (checked.refused !== undefined) reply.refused = checked.refused;
  return reply;
};

/** The rule id of the handoff that holds an automatic reply the guardrails refused. */
export const REPLY_GUARD_RULE = 'safety:reply-guardrails';

type ReplySpec = string | { template: string; llm?: boolean | undefined; allow_promises?: string[] | undefined };

/**
 * The decision of an `auto_reply` or `draft` action. An automatic reply the guardrails refused
 * is not sent: a handoff with the reason joins it, and the safety rails hold it as a draft.
 */
export const replyDecisions = (
  kind: 'auto_reply' | 'draft',
  spec: ReplySpec,
  facts: Facts,
  rule: string,
  matched: string[],
): Decision[] => {
  const options = typeof spec === 'string' ? { template: spec } : spec;
  const allowPromises = 'allow_promises' in options ? (options.allow_promises ?? NONE) : NONE;
  const rendered = renderReply(options.template, facts, matched, {}, allowPromises);
  const detail: Record<string, unknown> = { phrasing: rendered.phrasing, language: rendered.language };
  if ('llm' in options && options.llm === true) detail.llm = true;
  if (allowPromises.length > 0) detail.allowPromises = allowPromises;
  const decision: Decision = { kind, rule, matched, text: rendered.text, source: rendered.source, detail };
  if (rendered.refused === undefined || kind !== 'auto_reply') return [decision];
  const reason = `the automatic reply was held: ${rendered.refused}`;
  return [decision, { kind: 'handoff', rule: REPLY_GUARD_RULE, matched: [], priority: 'normal', detail: { reason, replyRule: rule } }];
};
