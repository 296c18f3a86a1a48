import { type ReplayIo, type ReplayOptions, runReplay } from '../../../src/cli/replay.js';

/** `switchboard replay ARGS` in this process, its stdout and stderr kept; no terminal unless `terminals` says so. */
export const capturedReplay = async (
  args: string[],
  terminals: Pick<ReplayIo, 'isTTY' | 'stdoutIsTTY'> = { isTTY: false },
  options: ReplayOptions = {},
) => {
  let stdout = '';
  let stderr = '';
  const code = await runReplay(
    args,
    {
      stdout: {
        write: (chunk: string) => {
          stdout += chunk;
          return true;
        },
      },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      ...terminals,
    },
    options,
  );
  return { code, stdout, stderr };
};
