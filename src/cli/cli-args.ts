import { errorMessage } from '../errors.js';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/**
 * A subcommand's arguments, or its exit code when they settle it: 2 with the usage for words it
 * cannot read, 0 with the usage for --help.
 */
export const readArgs = <Parsed extends { values: { help?: boolean | undefined } }>(
  parse: () => Parsed,
  io: CliIo,
  usage: string,
): Parsed | number => {
  let parsed: Parsed;
  try {
    parsed = parse();
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(usage);
    return 0;
  }
  return parsed;
};
