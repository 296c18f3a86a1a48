import { describe, expect, it } from 'vitest';
import { foldText } from '../../../src/engine/fold-text.js';
import { compileProfanity } from '../../../src/engine/profanity.js';

const filter = compileProfanity();
const aimed = (text: string) => filter.aimed(foldText(text));

describe('profanity aimed at someone', () => {
  it.each([
    ['en', 'you are a sh1t', 'sh1t'],
    ['en', 'f*ck you', 'f*ck'],
    ['en', 'what a b1tch', 'b1tch'],
    ['en', 'just stfu', 'stfu'],
    ['el', 'Είσαι μαλάκας', 'μαλάκας'],
    ['el', 'άντε γαμήσου', 'άντε γαμήσου'],
    ['es', 'eres una mierda', 'mierda'],
    ['es', 'cabrón', 'cabrón'],
    ['de', 'du Arschloch', 'Arschloch'],
    ['fr', 'ta gueule', 'ta gueule'],
    ['pt', 'vai tomar no cu', 'vai tomar no cu'],
    ['it', 'vaffanculo', 'vaffanculo'],
  ])('[%s] %s', (_language, text, word) => {
    expect(aimed(text)).toContain(word);
  });

  it.each([
    'holy shit these are good',
    'what the f*ck, sold out again?',
    'this is sh1t',
    'Qué mierda de servicio',
    'Scheiße, schon wieder kaputt',
    'shit. you should see the colors',
  ])('swearing that is not aimed at anyone: %s', (text) => {
    expect(filter.find(foldText(text))).not.toEqual([]);
    expect(aimed(text)).toEqual([]);
  });
});
