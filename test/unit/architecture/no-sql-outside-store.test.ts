import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['src', 'adapters', 'commands'];
// Repositories hold the SQL; KPI report queries may stay beside their definitions.
const ALLOWED = ['src/store/', 'src/kpi/'];

const QUERY_BUILDING: { name: string; pattern: RegExp }[] = [
  { name: 'a kysely query builder', pattern: /\.(?:selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(/u },
  { name: 'a sql template', pattern: /\bsql(?:`|<)/u },
  { name: 'a sql helper', pattern: /\bsql\.(?:raw|ref|lit|id|join)\(/u },
];
// Across lines: an import list may span several.
const SQL_IMPORT = /import\s+(?:type\s+)?\{[^}]*\bsql\b[^}]*\}\s*from\s*['"]kysely['"]/gu;

/** Where a source text builds SQL, as `line: what` (1-based lines). */
const findQueryBuilding = (text: string): string[] => {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const { name, pattern } of QUERY_BUILDING) if (pattern.test(line)) found.push(`${index + 1}: ${name}`);
  });
  for (const match of text.matchAll(SQL_IMPORT)) {
    found.push(`${text.slice(0, match.index).split('\n').length}: an import of sql from kysely`);
  }
  return found.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
};

const typescriptFiles = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => `${folder}/${path.split(sep).join('/')}`);

describe('no SQL outside src/store and src/kpi', () => {
  it('finds each form of query building, naming its line', () => {
    const sample = [
      "import { Kysely, sql } from 'kysely';",
      "await db.selectFrom('cards').selectAll().execute();",
      'await sql`SELECT 1`.execute(db);',
      "const ref = sql.ref('cards.id');",
      'const total = sql<number>`count(*)`;',
      "db.updateTable('cards');",
      '// selectFrom without a dot and a call is prose',
    ].join('\n');
    expect(findQueryBuilding(sample)).toEqual([
      '1: an import of sql from kysely',
      '2: a kysely query builder',
      '3: a sql template',
      '4: a sql helper',
      '5: a sql template',
      '6: a kysely query builder',
    ]);
    expect(findQueryBuilding("import {\n  Kysely,\n  sql,\n} from 'kysely';")).toEqual(['1: an import of sql from kysely']);
  });

  it('holds for every module outside the repositories', () => {
    const files = SCANNED.flatMap(typescriptFiles).filter((file) => !ALLOWED.some((folder) => file.startsWith(folder)));
    expect(files.length).toBeGreaterThan(50);
    const offences = files.flatMap((file) => findQueryBuilding(readFileSync(join(ROOT, file), 'utf8')).map((where) => `${file}:${where}`));
    expect(offences, `move these queries into a repository in src/store/:\n${offences.join('\n')}`).toEqual([]);
  });
});
