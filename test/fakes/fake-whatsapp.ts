/*
 * The WhatsApp Cloud API side of the fake Graph: POST /{phone-number-id}/messages (Bearer, JSON) as the
 * Cloud API answers it, the 24-hour customer-service window enforced as WhatsApp does (131047 for a
 * free-form message outside it, 132001 for an unknown template), and the status webhooks of what was sent.
 */

export interface FakeWhatsAppMessage {
  wamid: string;
  phoneNumberId: string;
  to: string;
  type: 'text' | 'template';
  text?: string;
  template?: { name: string; language: string; params: string[] };
  callbackData?: string;
  at: Date;
}

type Answer = { status: number; body: unknown };

const DAY_MS = 24 * 3_600_000;

const whatsappError = (status: number, code: number, title: string, details: string): Answer => ({
  status,
  body: {
    error: {
      message: `(#${code}) ${title}`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details },
      fbtrace_id: 'AFakeWa',
    },
  },
});

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const templateOf = (input: Record<string, unknown>) => {
  const template = asRecord(input.template);
  const components = Array.isArray(template.components) ? template.components.map(asRecord) : [];
  const body = components.find((component) => component.type === 'body');
  const params = (Array.isArray(body?.parameters) ? body.parameters.map(asRecord) : []).map((parameter) => String(parameter.text ?? ''));
  return { name: String(template.name ?? ''), language: String(asRecord(template.language).code ?? ''), params };
};

export class FakeWhatsApp {
  readonly sent: FakeWhatsAppMessage[] = [];
  readonly #phoneNumbers = new Map<string, string>();
  readonly #templates = new Set<string>();
  readonly #lastInbound = new Map<string, Date>();
  #sequence = 0;

  addPhoneNumber(id: string, display = '15550783881'): void {
    this.#phoneNumbers.set(id, display);
  }

  hasPhoneNumber(id: string): boolean {
    return this.#phoneNumbers.has(id);
  }

  /** An approved template (`name:language`), which WhatsApp accepts outside the window. */
  approveTemplate(name: string, language: string): void {
    this.#templates.add(`${name}:${language}`);
  }

  /** The customer wrote to the number at `at`: free-form messages are accepted for 24 hours from then. */
  customerWrote(phoneNumberId: string, waId: string, at: Date = new Date()): void {
    this.#lastInbound.set(`${phoneNumberId}:${waId}`, at);
  }

  describe(id: string): Answer {
    return { status: 200, body: { id, display_phone_number: this.#phoneNumbers.get(id), verified_name: 'Acme Outdoor' } };
  }

  send(phoneNumberId: string, input: Record<string, unknown>, now: Date = new Date()): Answer {
    const to = typeof input.to === 'string' ? input.to : '';
    if (input.messaging_product !== 'whatsapp' || to === '') {
      return whatsappError(400, 100, 'Invalid parameter', 'messaging_product must be "whatsapp" and "to" is required');
    }
    const base = {
      phoneNumberId,
      to,
      at: now,
      ...(typeof input.biz_opaque_callback_data === 'string' ? { callbackData: input.biz_opaque_callback_data } : {}),
    };
    if (input.type === 'template') {
      const template = templateOf(input);
      if (!this.#templates.has(`${template.name}:${template.language}`)) {
        return whatsappError(
          404,
          132001,
          'Template name does not exist in the translation',
          `template name (${template.name}) does not exist in ${template.language}`,
        );
      }
      return this.#accept({ ...base, type: 'template', template });
    }
    const body = asRecord(input.text).body;
    if (input.type !== 'text' || typeof body !== 'string') return whatsappError(400, 100, 'Invalid parameter', 'text.body is required');
    const last = this.#lastInbound.get(`${phoneNumberId}:${to}`);
    if (last === undefined || now.getTime() - last.getTime() > DAY_MS) {
      return whatsappError(
        400,
        131047,
        'Re-engagement message',
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      );
    }
    return this.#accept({ ...base, type: 'text', text: body });
  }

  #accept(message: Omit<FakeWhatsAppMessage, 'wamid'>): Answer {
    const wamid = `wamid.FAKE${String((this.#sequence += 1)).padStart(6, '0')}`;
    this.sent.push({ ...message, wamid });
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: message.to, wa_id: message.to }],
        messages: [{ id: wamid, message_status: 'accepted' }],
      },
    };
  }
}
