import { z } from 'zod';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { firstName, type Message } from '../domain/message.js';
import type { Decision } from '../domain/decision.js';
import { PROMISE_KINDS } from '../engine/promise-lists.js';
import { DATA_RULE, dataBlock } from './untrusted-data.js';

/** What the model must answer: zod-validated by the SDK's structured output. */
export const llmDraftSchema = z.object({
  reply: z.string().describe('The reply to post, in the language of the customer message.'),
  language: z.string().describe('ISO 639-1 code of the reply.'),
});
export type LlmDraft = z.infer<typeof llmDraftSchema>;

type ChatMessage = { role: 'system' | 'user'; content: string };

const rules = (playbook: CompiledPlaybook, decision: Decision): string => {
  const { guardrails } = playbook.drafts;
  const allowed = [...guardrails.allowPromises, ...allowedByRule(decision)];
  const promises = [...new Set([...PROMISE_KINDS, ...Object.keys(guardrails.forbiddenPromises)])].filter((kind) => !allowed.includes(kind));
  return [
    'You draft replies to social media comments and DMs for a brand. A person approves every draft before it is sent.',
    DATA_RULE,
    promises.length > 0 ? `Never promise or offer: ${promises.join(', ')}. Say that a teammate will follow up instead.` : '',
    'Never include email addresses, phone numbers, mentions, hashtags or codes.',
    `Keep it under ${Math.min(guardrails.maxLength, 500)} characters.`,
    guardrails.allowedLinks.length > 0 ? `Only link to these domains: ${guardrails.allowedLinks.join(', ')}.` : 'Do not include links.',
    'Reply in the language of the customer message.',
  ]
    .filter((line) => line.length > 0)
    .join('\n');
};

/** Promises the decision's rule allows (`allow_promises` on its draft action). */
export const allowedByRule = (decision: Decision): readonly string[] => {
  const allowed = decision.detail?.allowPromises;
  return Array.isArray(allowed) ? allowed.filter((kind): kind is string => typeof kind === 'string') : [];
};

/**
 * The system prompt (brand voice, FAQ, rules) and the user turn. Everything that came from the
 * commenter (message, name, the words that matched, the template reply that carries the name)
 * is in the data part, escaped, never stripped.
 */
export const buildPrompt = (playbook: CompiledPlaybook, message: Message, decision: Decision): ChatMessage[] => {
  const { voice, faq } = playbook.drafts;
  const system = [
    rules(playbook, decision),
    voice ? `Brand voice:\n${voice.trim()}` : '',
    faq.length > 0 ? `FAQ:\n${faq.map((entry) => `Q: ${entry.q}\nA: ${entry.a}`).join('\n')}` : '',
  ]
    .filter((part) => part.length > 0)
    .join('\n\n');
  const data = {
    customer_first_name: firstName(message.author) ?? null,
    matched_words: decision.matched,
    ...(decision.text ? { safe_template_reply: decision.text } : {}),
    message: message.text,
  };
  const user = [
    `Platform: ${message.platform} (${message.kind}); a person is looking because of rule ${decision.rule}.`,
    'The customer message, their first name, the words that matched and a safe template reply for reference:',
    dataBlock(data),
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
};
