// Keeps `npm ci` working when the registry in use lacks some platform builds of an optional
// native addon (here msgpackr-extract for macOS/Windows): npm records them in package-lock.json
// as optional dependencies without entries, and `npm ci` then refuses the lock as out of sync.
// Run after `npm install`: node scripts/prune-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let pruned = 0;
for (const entry of Object.values(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!lock.packages[`node_modules/${name}`]) {
      delete entry.optionalDependencies[name];
      pruned += 1;
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`pruned ${pruned} optional dependencies the registry does not have`);
