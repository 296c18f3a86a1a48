import { readFileSync } from 'node:fs';
import { checkPlaybookText, formatFinding, type Finding } from '../playbook/check.js';
import { playbookJsonSchemaText } from '../playbook/json-schema.js';
import { defaultPlaybookPath } from '../playbook/package-root.js';

const USAGE = `usage: switchboard playbook check [FILE]   validate a playbook (SWITCHBOARD_PLAYBOOK or the default without FILE)
       switchboard playbook schema         print the playbook's JSON Schema
`;

export interface PlaybookIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const readFindings = (file: string): Finding[] => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return [{ severity: 'error', line: 1, col: 1, message: `cannot read the playbook (${(error as Error).message})` }];
  }
  return checkPlaybookText(text);
};

/** Prints every finding, then one summary line; exit 1 when any is an error, 0 for warnings alone. */
const check = (args: string[], env: NodeJS.ProcessEnv, io: PlaybookIo): number => {
  if (args.length > 1) {
    io.stderr(USAGE);
    return 2;
  }
  const file = args[0] ?? (env.SWITCHBOARD_PLAYBOOK?.trim() || defaultPlaybookPath());
  const findings = readFindings(file);
  for (const finding of findings) io.stdout(`${formatFinding(file, finding)}\n`);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  io.stdout(findings.length === 0 ? `${file}: ok\n` : `${file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return errors > 0 ? 1 : 0;
};

/** `switchboard playbook check [FILE]` and `switchboard playbook schema`. */
export const runPlaybookCommand = (args: string[], env: NodeJS.ProcessEnv, io: PlaybookIo): number => {
  const [sub, ...rest] = args;
  if (sub === 'check') return check(rest, env, io);
  if (sub === 'schema' && rest.length === 0) {
    io.stdout(playbookJsonSchemaText());
    return 0;
  }
  io.stderr(USAGE);
  return 2;
};
