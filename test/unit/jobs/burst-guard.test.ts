import { describe, expect, it } from 'vitest';
import { DEFAULT_BURST, ingestConcurrencyFor } from '../../../src/jobs/burst-guard.js';

const policy = { ...DEFAULT_BURST, full: 8 };

describe('the burst guard (web and workers in one process)', () => {
  it('drops ingest to one job at a time only when the loop is saturated by webhooks', () => {
    expect(ingestConcurrencyFor(policy, { utilization: 0.98, webhooksPerSecond: 2_500 })).toBe(1);
    expect(ingestConcurrencyFor(policy, { utilization: 0.9, webhooksPerSecond: 600 })).toBe(1);
    expect(ingestConcurrencyFor(policy, { utilization: 0.95, webhooksPerSecond: 500 })).toBe(8);
  });

  it('keeps full concurrency when the workers themselves are what keeps the loop busy (a burst of handoffs)', () => {
    expect(ingestConcurrencyFor(policy, { utilization: 1, webhooksPerSecond: 100 })).toBe(8);
  });

  it('stays held back until the burst has clearly passed', () => {
    expect(ingestConcurrencyFor(policy, { utilization: 0.85, webhooksPerSecond: 400 }, 1)).toBe(1);
    expect(ingestConcurrencyFor(policy, { utilization: 0.85, webhooksPerSecond: 250 }, 1)).toBe(8);
    expect(ingestConcurrencyFor(policy, { utilization: 0.7, webhooksPerSecond: 2_000 }, 1)).toBe(8);
    expect(ingestConcurrencyFor(policy, { utilization: 0.85, webhooksPerSecond: 400 }, 8)).toBe(8);
  });

  it('keeps full concurrency while there is room, however many webhooks arrive', () => {
    expect(ingestConcurrencyFor(policy, { utilization: 0.6, webhooksPerSecond: 2_000 })).toBe(8);
    expect(ingestConcurrencyFor(policy, { utilization: 0, webhooksPerSecond: 0 })).toBe(8);
  });
});
