import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import kpi from '../../commands/kpi.js';
import sla from '../../commands/sla.js';
import type { CommandContext } from '../../commands/command.js';
import { createTestDatabase } from '../../test/support/isolated.js';
import { measure, type Timing } from './measure.js';
import { FULL_SHAPE, seedDatabase } from './seed.js';

/*
 * /sla and /kpi 30d on 1,000,000 messages in 200,000 conversations over 90 days, in an isolated
 * database that is dropped at the end. Target: p95 under 300 ms for each command.
 */

const TARGET_P95_MS = 300;
const log = (line: string) => console.log(`  ${line}`);
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);

export const main = async (): Promise<Timing[]> => {
  const database = await createTestDatabase();
  try {
    const now = new Date();
    console.log(`seeding ${database.name}`);
    const seeded = await seedDatabase(database.url, now, FULL_SHAPE, log);
    log(`${'total'.padEnd(28)} ${(seeded.totalMs / 1000).toFixed(1)} s`);
    log(
      Object.entries(seeded.rows)
        .map(([table, count]) => `${table} ${count.toLocaleString('en-US')}`)
        .join(' · '),
    );

    const ctx: CommandContext = {
      db: database.db,
      now: () => now,
      timeZone: 'Europe/Athens',
      settings: { orderValue: 250, monthlyCost: 400, currency: 'EUR', slaWarningShare: 0.8 },
    };
    const kpi30 = kpi.parse('30d');
    // Timings on a shared machine mean little without knowing how busy it was.
    const load = () => loadavg()[0]!.toFixed(1);
    console.log(`\n  ${availableParallelism()} CPUs, load average ${load()} before measuring`);
    const timings = [
      await measure('/sla', () => sla.execute(ctx, sla.parse(''))),
      await measure('/kpi 30d', () => kpi.execute(ctx, kpi30)),
    ];
    console.log(`\n  ${'command'.padEnd(10)} ${'runs'.padStart(5)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'max'.padStart(10)}`);
    for (const timing of timings) {
      const verdict = timing.p95 < TARGET_P95_MS ? 'ok' : `over the ${TARGET_P95_MS} ms target`;
      log(`${timing.name.padEnd(10)} ${String(timing.runs).padStart(5)} ${ms(timing.p50)} ${ms(timing.p95)} ${ms(timing.max)}  ${verdict}`);
    }
    log(`load average ${load()} after measuring`);
    const sample = await kpi.execute(ctx, kpi30);
    console.log(`\n  /kpi 30d says: ${sample.summary}`);
    console.log(`  /sla says: ${(await sla.execute(ctx, sla.parse(''))).summary}`);
    return timings;
  } finally {
    await database.drop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
