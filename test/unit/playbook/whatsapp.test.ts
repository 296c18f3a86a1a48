import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { parsePlaybook } from '../../../src/playbook/index.js';

const playbook = (template: string) => `version: 1
whatsapp:
  template:
${template}
rules: []
`;

const refusal = (yaml: string): string => {
  try {
    parsePlaybook(playbook(yaml), 'p.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  return '';
};

describe('the playbook whatsapp section', () => {
  it('names the approved template the card offers once the 24-hour window has closed', () => {
    const spec = parsePlaybook(playbook('    name: order_follow_up\n    language: en_US\n    params: ["Acme"]'), 'p.yaml').spec;
    expect(spec.whatsapp?.template).toEqual({ name: 'order_follow_up', language: 'en_US', params: ['Acme'] });
  });

  it('refuses a name or language WhatsApp would not know, naming the line', () => {
    expect(refusal('    name: Order Follow-up\n    language: en_US')).toMatch(
      /p\.yaml:4:\d+: whatsapp\.template\.name: expected the template name/u,
    );
    expect(refusal('    name: order_follow_up\n    language: English')).toMatch(
      /p\.yaml:5:\d+: whatsapp\.template\.language: expected a language code/u,
    );
    expect(refusal('    name: order_follow_up')).toMatch(/whatsapp\.template\.language/u);
  });
});
