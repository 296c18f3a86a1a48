import express, { type Express } from 'express';
import type { Logger } from '../../../src/logger.js';
import { InvalidInteractionError, type DiscordInteractionHandler } from './interaction-handler.js';
import { verifyDiscordSignature } from './verify-signature.js';
import type { KeyObject } from 'node:crypto';

export const INTERACTIONS_PATH = '/discord/interactions';
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface InteractionRouteOptions {
  handler: DiscordInteractionHandler;
  publicKey: KeyObject;
  logger: Logger;
  now?: () => number;
}

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
};

/**
 * POST /discord/interactions: the raw body's Ed25519 signature first (401, nothing kept, for a
 * forged or stale one: Discord checks that we refuse them), then the JSON, then the handler's answer.
 */
export const mountInteractionRoute = (app: Express, options: InteractionRouteOptions): void => {
  app.post(INTERACTIONS_PATH, express.raw({ type: () => true, limit: BODY_LIMIT_BYTES }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signed = { signature: req.get('x-signature-ed25519'), timestamp: req.get('x-signature-timestamp'), body };
    if (!verifyDiscordSignature(options.publicKey, signed, options.now?.())) {
      res.status(401).json({ error: 'invalid request signature: X-Signature-Ed25519 does not match DISCORD_PUBLIC_KEY' });
      return;
    }
    const json = parseJson(body);
    if (json === undefined) {
      res.status(400).json({ error: 'the body is not JSON' });
      return;
    }
    try {
      res.json(await options.handler.handle(json));
    } catch (error) {
      if (error instanceof InvalidInteractionError) {
        res.status(400).json({ error: error.message });
        return;
      }
      options.logger.error({ err: error }, 'a Discord interaction failed');
      if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    }
  });
};
