import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * `npm run bench`: every benchmark in sequence, each in its own Node process so that one's
 * memory and warm caches do not colour the next one's figures. Arguments (`--quick`) pass through.
 * Benchmarks report; they do not fail the command.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Each runs only if present: the benchmarks are written alongside the features they measure.
const BENCHMARKS = ['bench/ingest/index.ts', 'bench/engine/index.ts', 'bench/replay/index.ts', 'bench/kpi/index.ts'];

const runOne = (script: string): Promise<number | null> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`${script}: could not start (${error.message})`);
      resolve(null);
    });
    child.once('exit', (code) => resolve(code));
  });

for (const script of BENCHMARKS) {
  if (!existsSync(new URL(script, `file://${ROOT}`))) {
    console.log(`(${script} not present; skipped)\n`);
    continue;
  }
  const code = await runOne(script);
  if (code !== 0) console.log(`(${script} exited with ${code}; continuing)`);
  console.log('');
}
