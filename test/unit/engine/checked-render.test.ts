import { describe, expect, it } from 'vitest';
import { renderChecked } from '../../../src/engine/checked-render.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import type { TemplatePart } from '../../../src/templates/render-template.js';

const { guardrails } = loadPlaybook().drafts;
const PARTS: TemplatePart[] = ['Hi ', { name: 'first_name', fallback: 'there' }, ', thanks for writing on ', { name: 'platform' }, '!'];

const render = (values: Record<string, string | undefined>) => renderChecked(PARTS, (name) => values[name], guardrails, []);

describe('renderChecked', () => {
  it('answers the same for the same values, whether worked out or remembered', () => {
    const first = render({ first_name: 'Anna', platform: 'instagram' });
    expect(first).toEqual({ text: 'Hi Anna, thanks for writing on instagram!' });
    expect(render({ first_name: 'Anna', platform: 'instagram' })).toEqual(first);
    expect(render({ first_name: 'Anna', platform: 'youtube' })).toEqual({ text: 'Hi Anna, thanks for writing on youtube!' });
    expect(render({ first_name: '', platform: 'youtube' })).toEqual(render({ first_name: undefined, platform: 'youtube' }));
  });

  it('keeps a profane name out, every time it comes back', () => {
    for (let i = 0; i < 2; i += 1) {
      expect(render({ first_name: 'Shithead', platform: 'instagram' }).text).toBe('Hi there, thanks for writing on instagram!');
    }
  });

  it('tells apart values a separator inside a name could make look alike', () => {
    const tricky = render({ first_name: 'x\u00001:y', platform: '' });
    const plain = render({ first_name: 'x', platform: 'y' });
    expect(plain.text).toBe('Hi x, thanks for writing on y!');
    expect(tricky.text).not.toBe(plain.text);
  });
});
