import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { parsePlaybook } from '../../../src/playbook/index.js';

const playbook = (ruleKeys: string, top = '') => `version: 1
${top}templates:
  thanks: { en: "Thank you!" }
rules:
  - id: thanks
    when: { keywords: [thanks] }
    then: [{ draft: thanks }]
${ruleKeys}
`;

const refusal = (yaml: string): string => {
  try {
    parsePlaybook(yaml, 'p.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  return '';
};

describe('the playbook autonomy keys', () => {
  it('takes a level as a string, or a default with overrides per platform and language', () => {
    expect(parsePlaybook(playbook('    autonomy: veto\n    veto_after: 5m'), 'p.yaml').spec.rules[0]).toMatchObject({
      autonomy: 'veto',
      veto_after: '5m',
    });
    const spec = parsePlaybook(
      playbook(
        '    autonomy: { default: auto, platforms: { instagram: veto }, languages: { de: draft } }\n    undo_window: 5m',
        'undo_window: 15m\n',
      ),
      'p.yaml',
    ).spec;
    expect(spec.rules[0]?.autonomy).toEqual({ default: 'auto', platforms: { instagram: 'veto' }, languages: { de: 'draft' } });
    expect(spec.undo_window).toBe('15m');
  });

  it('refuses an unknown level, a bad countdown or an unknown key, naming the line', () => {
    expect(refusal(playbook('    autonomy: sometimes'))).toMatch(/p\.yaml:8:\d+: rules\[0\]\.autonomy: expected draft, veto or auto/u);
    expect(refusal(playbook('    autonomy: veto\n    veto_after: soon'))).toMatch(
      /p\.yaml:9:\d+: rules\[0\]\.veto_after: expected a duration/u,
    );
    expect(refusal(playbook('    autonomy: veto\n    veto_after: 2d'))).toMatch(
      /p\.yaml:9:\d+: rules\[0\]\.veto_after: expected a countdown .* at most 1d/u,
    );
    expect(refusal(playbook('    autonomy: { default: auto, planets: { mars: veto } }'))).toMatch(/p\.yaml:8:\d+: rules\[0\]\.autonomy/u);
    expect(refusal(playbook('', 'undo_window: forever\n'))).toMatch(/p\.yaml:2:\d+: undo_window: expected a duration/u);
  });
});
