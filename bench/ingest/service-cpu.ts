import { readdir, readFile } from 'node:fs/promises';

/*
 * CPU time the machine's Postgres and Redis processes have used so far (Linux /proc; undefined
 * elsewhere), so the sustained table can charge each comment the database work it caused, not
 * only the server's. Wall time on a shared two-core machine moves with the neighbours; CPU time
 * per comment barely does.
 */

const SERVICES = new Set(['postgres', 'redis-server']);

/** clock ticks → ms: Linux reports utime/stime in USER_HZ, 100 on every mainstream build. */
const TICK_MS = 10;

const processCpuMs = async (pid: string): Promise<number> => {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!SERVICES.has(name)) return 0;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    // The process ended between the listing and the read.
    return 0;
  }
};

/**
 * Sum over the services' live processes. A Postgres backend that exits in between takes its CPU
 * time with it, so the figure is taken while the server's connections are still open.
 */
export const serviceCpuMs = async (): Promise<number | undefined> => {
  try {
    const pids = (await readdir('/proc')).filter((entry) => /^\d+$/u.test(entry));
    const times = await Promise.all(pids.map(processCpuMs));
    return times.reduce((sum, ms) => sum + ms, 0);
  } catch {
    return undefined;
  }
};
