import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

describe('SWITCHBOARD_METRICS_TOKEN', () => {
  it('is read into metricsToken, and left undefined when empty or unset', () => {
    expect(loadConfig({ SWITCHBOARD_METRICS_TOKEN: 'scrape-me' }).metricsToken).toBe('scrape-me');
    expect(loadConfig({ SWITCHBOARD_METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });
});
