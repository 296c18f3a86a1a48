import { LineCounter, parseDocument, type Document } from 'yaml';
import { CompileIssue } from '../engine/compile-issue.js';
import { playbookSchema, type PlaybookSpec } from '../playbook-spec/schema.js';
import { compilePlaybook } from './compile.js';
import { neverHolds } from './check-never.js';
import { shadowedRules } from './check-shadow.js';
import { formatPath, locate, plainIssue, type DocPath } from './locate.js';

export interface Finding {
  severity: 'error' | 'warning';
  line: number;
  col: number;
  message: string;
}

type Locator = (path: DocPath, message: string, key?: string) => Omit<Finding, 'severity'>;

const locator =
  (doc: Document, lineCounter: LineCounter): Locator =>
  (path, message, key) => {
    const { line, col } = locate(doc, lineCounter, path, key);
    const named = formatPath(key === undefined ? path : [...path, key]);
    return { line, col, message: named ? `${named}: ${message}` : message };
  };

/** Every schema problem, not only the first: a person fixes them in one pass. */
const schemaErrors = (issues: Parameters<typeof plainIssue>[0][], at: Locator): Finding[] => {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const plain = plainIssue(issue);
    const finding: Finding = { severity: 'error', ...at(plain.path, plain.message, plain.key) };
    const key = `${finding.line}:${finding.col}:${finding.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [finding];
  });
};

/** Rules that can never fire: a condition that never holds, or an earlier `stop` rule that always takes their messages. */
export const ruleWarnings = (spec: PlaybookSpec, at: Locator): Finding[] => {
  const findings: Finding[] = [];
  spec.rules.forEach((rule, index) => {
    const never = neverHolds(rule.when, ['rules', index, 'when']);
    if (never) findings.push({ severity: 'warning', ...at(never.path, `rule "${rule.id}" can never fire: ${never.message}`) });
  });
  const judge = spec.judge && neverHolds(spec.judge.unsure_when, ['judge', 'unsure_when']);
  if (judge) findings.push({ severity: 'warning', ...at(judge.path, `the judge is never asked: ${judge.message}`) });
  for (const { index, by } of shadowedRules(spec.rules)) {
    const message = `rule "${spec.rules[index]!.id}" can never fire: the earlier rule "${spec.rules[by]!.id}" (stop: true) matches every message it would`;
    findings.push({ severity: 'warning', ...at(['rules', index], message) });
  }
  return findings.sort((a, b) => a.line - b.line || a.col - b.col);
};

/**
 * What `switchboard playbook check` reports: YAML and schema errors (all of them), the first
 * compile error (unknown template, duplicate id, bad regex…), then warnings about rules that can
 * never fire. A playbook with errors gets no warnings: they would be about a different playbook.
 */
export const checkPlaybookText = (text: string): Finding[] => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { severity: 'error', line, col, message: error.message.split('\n')[0] ?? 'invalid YAML' };
    });
  }
  const at = locator(doc, lineCounter);
  const parsed = playbookSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return schemaErrors(parsed.error.issues, at);
  try {
    compilePlaybook(parsed.data, 'check');
  } catch (error) {
    if (error instanceof CompileIssue) return [{ severity: 'error', ...at(error.path, error.message) }];
    throw error;
  }
  return ruleWarnings(parsed.data, at);
};

/** `FILE:LINE:COL error|warning: message`, the shape compilers use, so terminals and editors link it. */
export const formatFinding = (file: string, finding: Finding): string =>
  `${file}:${finding.line}:${finding.col} ${finding.severity}: ${finding.message}`;
