import { describe, expect, it } from 'vitest';
import { kpiSettingsSchema, timeZoneSchema } from '../../../src/kpi/kpi-context.js';

describe('KPI settings at the edge', () => {
  it('accepts sensible settings', () => {
    const settings = { orderValue: 250, monthlyCost: 400, currency: 'EUR', slaWarningShare: 0.8 };
    expect(kpiSettingsSchema.parse(settings)).toEqual(settings);
    expect(kpiSettingsSchema.parse({ orderValue: 0, monthlyCost: 0, currency: 'USD' }).slaWarningShare).toBe(0.8);
    expect(timeZoneSchema.parse('Europe/Athens')).toBe('Europe/Athens');
  });

  it('names what is wrong', () => {
    const result = kpiSettingsSchema.safeParse({ orderValue: 'lots', monthlyCost: -1, currency: 'euro', slaWarningShare: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'orderValue: expected the average order value as a number',
      'monthlyCost: the monthly cost cannot be negative',
      'currency: expected an ISO 4217 currency code such as EUR',
      'slaWarningShare: the SLA warning share must be below 1',
    ]);
    expect(timeZoneSchema.safeParse('Mars/Olympus').error?.issues[0]?.message).toBe(
      '"Mars/Olympus" is not an IANA time zone such as Europe/Athens',
    );
  });
});
