const DAYS_PER_MONTH = 365.25 / 12;

export interface RoiEstimate {
  revenue: number;
  cost: number;
  /** (revenue − cost) / cost; null when nothing was spent. */
  roi: number | null;
}

/** Converted leads at the configured order value, against the monthly cost prorated over the period's days. */
export const estimateRoi = (converted: number, days: number, settings: { orderValue: number; monthlyCost: number }): RoiEstimate => {
  const revenue = converted * settings.orderValue;
  const cost = (settings.monthlyCost * days) / DAYS_PER_MONTH;
  return { revenue, cost, roi: cost > 0 ? (revenue - cost) / cost : null };
};
