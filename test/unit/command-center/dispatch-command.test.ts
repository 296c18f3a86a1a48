import { describe, expect, it } from 'vitest';
import { UsageError, type Command, type CommandContext } from '../../../commands/command.js';
import type { CommandAnswer } from '../../../src/command-center/command-answer.js';
import { dispatchCommand } from '../../../src/command-center/dispatch-command.js';
import type { Report } from '../../../src/domain/report.js';
import { silentLogger } from '../../../src/logger.js';

// These commands never touch the context; dispatch only passes it through.
const ctx = {} as CommandContext;
const REPORT: Report = { title: 'Slow report', summary: 'Done at last', sections: [], footnotes: [] };

const command = (overrides: Partial<Command>): Command => ({
  name: 'test',
  description: 'A command for tests',
  usage: '[now|later]',
  parse: (text) => text,
  execute: async () => REPORT,
  ...overrides,
});

/** Runs one command and records its answers in order, each marked now or later. */
const dispatch = async (cmd: Command, text: string, budgetMs: number) => {
  const answers: ['now' | 'later', CommandAnswer][] = [];
  await dispatchCommand(
    cmd,
    text,
    ctx,
    {
      answerNow: async (answer) => void answers.push(['now', answer]),
      answerLater: async (answer) => void answers.push(['later', answer]),
    },
    { logger: silentLogger(), budgetMs },
  );
  return answers;
};

const WORKING: CommandAnswer = { kind: 'words', words: ['Working on it… the answer will appear here in a moment.'] };

describe('dispatchCommand', () => {
  it('answers on the acknowledgement when the report is ready within the budget', async () => {
    expect(await dispatch(command({}), '', 1_000)).toEqual([['now', { kind: 'report', report: REPORT }]]);
  });

  it('acknowledges a slow command with "working on it" and answers later', async () => {
    const slow = command({
      execute: async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return REPORT;
      },
    });
    expect(await dispatch(slow, '', 10)).toEqual([
      ['now', WORKING],
      ['later', { kind: 'report', report: REPORT }],
    ]);
  });

  it('answers a bad argument at once with what was wrong and the usage, without running the command', async () => {
    let ran = false;
    const strict = command({
      parse: (text) => {
        throw new UsageError(`"${text}" is not a choice I know.`);
      },
      execute: async () => {
        ran = true;
        return REPORT;
      },
    });
    expect(await dispatch(strict, 'yesterday', 1_000)).toEqual([
      [
        'now',
        {
          kind: 'words',
          words: ['"yesterday" is not a choice I know.', '\nUsage: ', { code: '/test [now|later]' }, ' — A command for tests'],
        },
      ],
    ]);
    expect(ran).toBe(false);
  });

  it('does not repeat an unexpected parse error to the person', async () => {
    const broken = command({
      usage: '',
      parse: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const [[, answer] = []] = await dispatch(broken, 'x', 1_000);
    expect(answer).toEqual({ kind: 'words', words: ['I could not read that.', '\nUsage: ', { code: '/test' }, ' — A command for tests'] });
  });

  it('turns a failure into its first line in words, on either path', async () => {
    const failing = (ms: number) =>
      command({
        name: 'boom',
        execute: async () => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect');
        },
      });
    const sorry: CommandAnswer = {
      kind: 'words',
      words: [
        'Sorry, /boom could not be answered (connect ECONNREFUSED 127.0.0.1:5432). Try again in a minute; if it keeps failing, run ',
        { code: 'switchboard doctor' },
        '.',
      ],
    };
    expect(await dispatch(failing(0), '', 1_000)).toEqual([['now', sorry]]);
    expect(await dispatch(failing(100), '', 10)).toEqual([
      ['now', WORKING],
      ['later', sorry],
    ]);
  });
});
