export interface DoctorCheck {
  name: string;
  /** Resolves to a short description of what was found; throws with words saying what to fix. */
  run: () => Promise<string>;
  /** Skipped checks say why (for example: Slack not configured). */
  skip?: string;
}

export interface DoctorLine {
  name: string;
  status: 'ok' | 'fail' | 'skip';
  detail: string;
}

const withTimeout = async (work: Promise<string>, ms: number): Promise<string> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

export const runDoctor = async (checks: DoctorCheck[], write: (line: string) => void, timeoutMs = 5_000): Promise<DoctorLine[]> => {
  const lines: DoctorLine[] = [];
  const width = Math.max(...checks.map((check) => check.name.length));
  for (const check of checks) {
    let line: DoctorLine;
    if (check.skip) line = { name: check.name, status: 'skip', detail: check.skip };
    else {
      try {
        line = { name: check.name, status: 'ok', detail: await withTimeout(check.run(), timeoutMs) };
      } catch (error) {
        line = { name: check.name, status: 'fail', detail: error instanceof Error ? error.message : String(error) };
      }
    }
    const mark = line.status === 'ok' ? 'ok  ' : line.status === 'skip' ? 'skip' : 'FAIL';
    write(`${mark}  ${line.name.padEnd(width)}  ${line.detail}`);
    lines.push(line);
  }
  return lines;
};
