import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { CompileIssue } from '../engine/compile-issue.js';
import { AppError } from '../errors.js';
import { compilePlaybook } from './compile.js';
import { formatPath, locate, plainIssue, type DocPath } from './locate.js';
import { defaultPlaybookPath } from './package-root.js';
import { playbookSchema } from '../playbook-spec/schema.js';

const invalid = (file: string, line: number, col: number, message: string): AppError =>
  new AppError('playbook_invalid', `${file}:${line}:${col}: ${message}`);

/**
 * Parses, validates and compiles a playbook from YAML text. Every error is an
 * AppError('playbook_invalid', '<file>:<line>:<col>: <what was expected>').
 */
export const parsePlaybook = (text: string, file: string, source = file): CompiledPlaybook => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const position = lineCounter.linePos(syntax.pos[0]);
    throw invalid(file, position.line, position.col, `${syntax.message.split('\n')[0] ?? 'invalid YAML'}`);
  }
  const where = (path: DocPath, message: string, key?: string): AppError => {
    const { line, col } = locate(doc, lineCounter, path, key);
    const named = formatPath(key === undefined ? path : [...path, key]);
    return invalid(file, line, col, named ? `${named}: ${message}` : message);
  };
  const parsed = playbookSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    if (first === undefined) throw invalid(file, 1, 1, 'invalid playbook');
    const issue = plainIssue(first);
    throw where(issue.path, issue.message, issue.key);
  }
  try {
    return compilePlaybook(parsed.data, source);
  } catch (error) {
    if (error instanceof CompileIssue) throw where(error.path, error.message);
    throw error;
  }
};

/**
 * Loads a playbook file, or the built-in default playbook when no path is given.
 * Synchronous on purpose: it runs once at start-up, before anything listens.
 */
export const loadPlaybook = (path?: string): CompiledPlaybook => {
  const file = path ?? defaultPlaybookPath();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('playbook_invalid', `${file}:1:1: cannot read the playbook (${(error as Error).message})`, { cause: error });
  }
  return parsePlaybook(text, file, path === undefined ? 'default' : file);
};
