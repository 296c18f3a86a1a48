import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder above this module holding a package.json: the same answer from
 * `src/` under tsx and from compiled `dist/src/`.
 */
export const packageRoot = (from: string = import.meta.url): string => {
  let folder = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    folder = parent;
  }
};

export const defaultPlaybookPath = (): string => join(packageRoot(), 'src', 'playbook', 'default.yaml');
