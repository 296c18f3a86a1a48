import { describe, expect, it } from 'vitest';
import { choosePhrasing } from '../../../src/templates/choose-phrasing.js';
import { parseTemplate, renderTemplate, TemplateSyntaxError } from '../../../src/templates/render-template.js';
import { seededRandom } from '../../../src/engine/context.js';

describe('renderTemplate', () => {
  const template = parseTemplate('Hi {{first_name|there}}, we ship to {{ country | your area }} in {{days}} days.');
  it('fills variables and falls back when one is missing or empty', () => {
    expect(renderTemplate(template, { first_name: 'Maria', country: 'Cyprus', days: 3 })).toBe('Hi Maria, we ship to Cyprus in 3 days.');
    expect(renderTemplate(template, { first_name: '', days: 3 })).toBe('Hi there, we ship to your area in 3 days.');
  });
  it('tidies the gap an empty fallback leaves', () => {
    expect(renderTemplate(parseTemplate('Hi {{first_name|}}, thanks!'), {})).toBe('Hi, thanks!');
    expect(renderTemplate(parseTemplate('Γεια σου {{first_name|}} 👋 τι κάνεις;'), {})).toBe('Γεια σου 👋 τι κάνεις;');
  });
  it('accepts a lookup function', () => {
    expect(renderTemplate(parseTemplate('{{a}}-{{b|x}}'), (name) => (name === 'a' ? 1 : undefined))).toBe('1-x');
  });
  it('refuses broken braces', () => {
    expect(() => parseTemplate('Hi {{first name}}')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate('Hi {{first_name')).toThrow(/expected variables written as/u);
  });
});

describe('choosePhrasing', () => {
  const phrasings = [{ id: 'p.en.1' }, { id: 'p.en.2' }, { id: 'p.en.3' }];
  it('varies phrasings at random', () => {
    const random = seededRandom(3);
    const seen = new Set(Array.from({ length: 30 }, () => choosePhrasing(phrasings, [], random)?.id));
    expect(seen.size).toBe(3);
  });
  it('never repeats one sent recently while another is available', () => {
    const random = seededRandom(4);
    for (let i = 0; i < 30; i += 1) expect(choosePhrasing(phrasings, ['p.en.1', 'p.en.3'], random)?.id).toBe('p.en.2');
  });
  it('when all were used lately, avoids at least the last one', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 30; i += 1) expect(choosePhrasing(phrasings, ['p.en.2', 'p.en.1', 'p.en.3'], random)?.id).not.toBe('p.en.2');
  });
  it('uses a single phrasing again', () => {
    expect(choosePhrasing([{ id: 'only' }], ['only'], Math.random)?.id).toBe('only');
  });
});
