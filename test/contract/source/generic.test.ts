import { FakeGenericCallback } from '../../fakes/fake-generic-callback.js';
import { GENERIC_SECRET, postGeneric, tiktokComment } from '../../fixtures/generic.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

/** TikTok comments through the generic signed webhook; actions to a fake callback receiver. */
const makeGeneric = async (): Promise<SourceSubject> => {
  const receiver = new FakeGenericCallback(GENERIC_SECRET);
  const { url } = await receiver.start();
  const deliver = async (appUrl: string, message: InboundMessage) => {
    const answer = await postGeneric(appUrl, tiktokComment(message));
    if (answer.status !== 200) throw new Error(`generic delivery answered ${answer.status}: ${await answer.text()}`);
  };
  return {
    platform: 'tiktok',
    env: { GENERIC_WEBHOOK_SECRET: GENERIC_SECRET, GENERIC_CALLBACK_URL: url },
    deliver,
    redeliver: deliver,
    forge: async (appUrl, message) => (await postGeneric(appUrl, tiktokComment(message), { secret: 'not-the-secret' })).status,
    replies: async (message) => receiver.effectsOn(message.id, 'reply').map((effect) => effect.body.text ?? ''),
    isHidden: async (message) => receiver.effectsOn(message.id, 'hide').length > 0,
    close: () => receiver.close(),
  };
};

runSourceCoreLoop('generic webhook (TikTok through a bridge)', makeGeneric);
