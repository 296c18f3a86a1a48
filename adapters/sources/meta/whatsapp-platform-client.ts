import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import type { GraphClient } from './graph-client.js';
import { textOf } from './read-back.js';
import { sendWhatsAppTemplate, sendWhatsAppText, type WhatsAppTemplate } from './whatsapp-calls.js';

const cannot = (request: PlatformActionRequest) =>
  new PermanentPlatformError(`Switchboard cannot ${request.kind.replace('_', ' ')} on ${request.platform}`);

/**
 * WhatsApp Cloud API: a text reply (inside the 24-hour window; the core does not offer one outside it)
 * and, when the playbook names one, the approved template. Nothing can be read back: an outcome we never
 * heard waits for its status webhook or a person.
 */
export const createWhatsAppPlatformClient = (graph: GraphClient, options: { template?: WhatsAppTemplate } = {}): PlatformClient => {
  const { template } = options;
  const actions: readonly PlatformAction[] = template === undefined ? ['send_dm'] : ['send_dm', 'send_template'];
  const supports = (platform: string, action: PlatformAction) => platform === 'whatsapp' && actions.includes(action);

  const perform = async (request: PlatformActionRequest): Promise<PlatformActionResult> => {
    if (!supports(request.platform, request.kind)) throw cannot(request);
    const where = { phoneNumberId: request.accountId, to: request.target, actionId: request.actionId };
    const sent =
      request.kind === 'send_template' && template !== undefined
        ? await sendWhatsAppTemplate(graph, where, template)
        : await sendWhatsAppText(graph, where, textOf(request));
    return { externalId: sent.wamid };
  };

  return {
    platforms: ['whatsapp'],
    supports,
    perform,
    readsBack: () => false,
    findCompleted: async () => undefined,
  };
};
