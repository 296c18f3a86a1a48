import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, fitMrkdwn, fitPlain, fitQuote, quoteGrapheme } from '../../../adapters/chat/slack/slack-text.js';
import { fitByGrapheme } from '../../../src/domain/fit-text.js';
import { seededRandom } from '../../../src/engine/context.js';

const random = seededRandom(7);
const PIECES = ['a', 'refund ', ' ', '&', '<', '>', '\n', '\r\n', '\r', 'é', 'e\u0301', '👍🏽', '👨‍👩‍👧', '日本', '  ', 'ok.'];
const randomText = () => Array.from({ length: Math.floor(random() * 40) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');

describe('fitting text into Block Kit fields', () => {
  it('gives exactly what encoding grapheme by grapheme gives, whether the text fits or is cut', () => {
    for (let round = 0; round < 400; round += 1) {
      const text = randomText();
      const max = 2 + Math.floor(random() * 90);
      expect(fitPlain(text, max)).toBe(fitByGrapheme(text, max, (g) => g));
      expect(fitMrkdwn(text, max)).toBe(fitByGrapheme(text, max, escapeMrkdwn));
      expect(fitQuote(text, max)).toBe(`> ${fitByGrapheme(text.trim(), max - 2, quoteGrapheme)}`);
    }
  });

  it('never exceeds the limit and never cuts an emoji or an entity', () => {
    const text = `Tom & Jerry <3 ${'👨‍👩‍👧'.repeat(20)}`;
    for (let max = 5; max < 80; max += 1) {
      const fitted = fitMrkdwn(text, max);
      expect(fitted.length).toBeLessThanOrEqual(max);
      expect(fitted).not.toMatch(/&(a|am|amp|l|lt|g|gt)?…$/u);
      expect(fitted.replace(/…$/u, '').split('👨‍👩‍👧').join('')).not.toMatch(/[\u200d\ud83d]$/u);
    }
  });
});
