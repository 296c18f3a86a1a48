import { expect, it } from 'vitest';
import type { ChatDriver } from './chat-driver.js';
import { newCard } from './contract-helpers.js';

/** The slash commands: each answers only the person who asked, with the report or with the usage. */
export const commandScenarios = (use: () => ChatDriver): void => {
  it('/sla answers privately with the conversations waiting for a reply', async () => {
    const driver = use();
    await newCard(driver, 'Where is my refund? This is a complaint');
    const answer = await driver.command('sla', '', 'alice');
    expect(answer.private).toBe(true);
    expect(answer.text).toMatch(/SLA/u);
    expect(answer.text).toMatch(/[1-9]\d* unanswered/u);
  });

  it('/kpi 7d answers privately with volume and first response figures', async () => {
    const driver = use();
    await newCard(driver);
    const answer = await driver.command('kpi', '7d', 'bob');
    expect(answer.private).toBe(true);
    expect(answer.text).toMatch(/Last 7 days/u);
    expect(answer.text).toMatch(/facebook/iu);
    expect(answer.text).toMatch(/first response/iu);
  });

  it('a bad argument is answered privately with what was wrong and the usage', async () => {
    const driver = use();
    const kpi = await driver.command('kpi', 'last tuesday', 'alice');
    expect(kpi.private).toBe(true);
    expect(kpi.text).toContain('"last tuesday" is not a period');
    expect(kpi.text).toMatch(/Usage: \/kpi \[today\|7d\|30d/u);
    const sla = await driver.command('sla', 'now', 'alice');
    expect(sla.private).toBe(true);
    expect(sla.text).toMatch(/takes no arguments/u);
    expect(sla.text).toMatch(/Usage: \/sla/u);
  });
};
