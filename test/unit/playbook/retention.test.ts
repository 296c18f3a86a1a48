import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { loadPlaybook, parsePlaybook } from '../../../src/playbook/index.js';
import { compileRetention, DEFAULT_RETENTION } from '../../../src/playbook/compile-retention.js';

const DAY = 86_400_000;

const playbook = (retention: string) => `version: 1
retention:
${retention}
rules: []
`;

describe('the playbook retention section', () => {
  it('defaults to 30 days for raw payloads and 13 months for texts and names', () => {
    expect(compileRetention(loadPlaybook().spec)).toEqual(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION).toEqual({ rawPayloadsMs: 30 * DAY, textsMs: 395 * DAY });
  });

  it('reads both windows, each on its own', () => {
    expect(compileRetention(parsePlaybook(playbook('  raw_payloads: 7d\n  texts: 180d'), 'p.yaml').spec)).toEqual({
      rawPayloadsMs: 7 * DAY,
      textsMs: 180 * DAY,
    });
    expect(compileRetention(parsePlaybook(playbook('  texts: 90d'), 'p.yaml').spec)).toEqual({
      rawPayloadsMs: DEFAULT_RETENTION.rawPayloadsMs,
      textsMs: 90 * DAY,
    });
  });

  it('refuses a window under a day, or an unknown key, naming the line', () => {
    for (const [yaml, expected] of [
      ['  raw_payloads: 12h', /p\.yaml:3:\d+: retention\.raw_payloads: expected at least 1d/u],
      ['  texts: forever', /p\.yaml:3:\d+: retention\.texts: expected a duration/u],
      ['  photos: 30d', /p\.yaml:3:\d+: .*photos/u],
    ] as const) {
      let message = '';
      try {
        parsePlaybook(playbook(yaml), 'p.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        message = (error as AppError).message;
      }
      expect(message).toMatch(expected);
    }
  });
});
