import { z } from 'zod';
import type { GraphClient, Param } from './graph-client.js';

/*
 * WhatsApp Cloud API sends: POST /{phone-number-id}/messages with a Bearer token and a JSON body.
 * Each send carries our action's id in `biz_opaque_callback_data`; WhatsApp echoes it in every status
 * webhook for that message, which is how an outcome we never heard is learnt (nothing lists sent messages).
 */

const CALLBACK_PREFIX = 'switchboard:action:';

export const callbackDataFor = (actionId: string): string => `${CALLBACK_PREFIX}${actionId}`;

/** Our action id from a status's `biz_opaque_callback_data`; undefined for anything another app sent. */
export const actionIdFromCallbackData = (data: string | undefined): string | undefined => {
  if (data === undefined || !data.startsWith(CALLBACK_PREFIX)) return undefined;
  const id = data.slice(CALLBACK_PREFIX.length);
  // Row ids are bigints: anything longer cannot be ours, and must not reach a query as one.
  return /^[1-9]\d{0,17}$/u.test(id) ? id : undefined;
};

/** An approved message template, as the playbook's `whatsapp.template` names it. */
export interface WhatsAppTemplate {
  name: string;
  language: string;
  /** The body's parameters, in order. */
  params: readonly string[];
}

const accepted = z.looseObject({
  messages: z.array(z.looseObject({ id: z.string(), message_status: z.string().optional() })).min(1),
});

export interface WhatsAppSend {
  phoneNumberId: string;
  to: string;
  actionId: string | undefined;
}

const send = async (graph: GraphClient, where: WhatsAppSend, content: Record<string, Param>): Promise<{ wamid: string }> => {
  const answer = await graph.call({
    method: 'POST',
    path: [where.phoneNumberId, 'messages'],
    token: graph.token(where.phoneNumberId),
    params: {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: where.to,
      ...content,
      ...(where.actionId === undefined ? {} : { biz_opaque_callback_data: callbackDataFor(where.actionId) }),
    },
    subject: `message to ${where.to}`,
    schema: accepted,
    bearerJson: true,
    platformName: 'WhatsApp',
  });
  return { wamid: answer.messages[0]!.id };
};

/** A free-form text: WhatsApp accepts it only within 24 hours of the customer's last message. */
export const sendWhatsAppText = (graph: GraphClient, where: WhatsAppSend, body: string) =>
  send(graph, where, { type: 'text', text: { body, preview_url: false } });

export const sendWhatsAppTemplate = (graph: GraphClient, where: WhatsAppSend, template: WhatsAppTemplate) => {
  const parameters = template.params.map((text) => ({ type: 'text', text }));
  const components = parameters.length === 0 ? [] : [{ type: 'body', parameters }];
  return send(graph, where, {
    type: 'template',
    template: { name: template.name, language: { code: template.language }, ...(components.length > 0 ? { components } : {}) },
  });
};

const phoneNumber = z.looseObject({ id: z.string(), display_phone_number: z.string().optional(), verified_name: z.string().optional() });

/** The sender's number as WhatsApp knows it: `switchboard doctor` checks the token and the id with it. */
export const describePhoneNumber = (graph: GraphClient, phoneNumberId: string) =>
  graph.call({
    method: 'GET',
    path: [phoneNumberId],
    token: graph.token(phoneNumberId),
    params: { fields: 'id,display_phone_number,verified_name' },
    subject: `phone number ${phoneNumberId}`,
    schema: phoneNumber,
    bearerJson: true,
    platformName: 'WhatsApp',
  });
