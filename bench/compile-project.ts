import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/playbook/package-root.js';

/**
 * Compiles the project into node_modules/.cache/<cacheName> (next to its packages, so they resolve)
 * and returns the compiled `file` (a path under the project, `.js`), for a benchmark to run as shipped.
 */
export const compileProject = (cacheName: string, file: string): string => {
  const root = packageRoot();
  const outDir = join(root, 'node_modules', '.cache', cacheName);
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', outDir], {
      cwd: root,
      stdio: 'ignore',
    });
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript; a missing file is caught below.
  }
  const compiled = join(outDir, file);
  if (!existsSync(compiled)) throw new Error(`compiling for the ${cacheName} benchmark produced no ${compiled}`);
  return compiled;
};
