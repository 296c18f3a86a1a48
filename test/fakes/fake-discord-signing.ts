import { readAnswer } from '../support/read-answer.js';
import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * An application key pair made in the test: the public key as the 64 hex characters the Developer
 * Portal shows (DISCORD_PUBLIC_KEY), and requests signed exactly as Discord signs interactions.
 */
export const createInteractionSigner = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');
  return {
    publicKeyHex,
    /** The two headers Discord sends with `body`, signed at `timestampSeconds` (now unless given). */
    headers: (body: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> => {
      const timestamp = String(timestampSeconds);
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
    },
  };
};

export type InteractionSigner = ReturnType<typeof createInteractionSigner>;

/** POST a signed interaction to the app, as Discord delivers it over HTTP. */
export const postInteraction = async (
  url: string,
  signer: InteractionSigner,
  interaction: unknown,
  options: { headers?: Record<string, string> } = {},
): Promise<{ status: number; json: unknown }> => {
  const body = JSON.stringify(interaction);
  const response = await fetch(`${url}/discord/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
      ...signer.headers(body),
      ...options.headers,
    },
    body,
  });
  return readAnswer(response);
};
