import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';

/** Bolt logs through our JSON logger instead of its console one. */
export const toBoltLogger = (logger: Logger): BoltLogger => {
  let level = LogLevel.INFO;
  let name = 'slack';
  return {
    debug: (...msg: unknown[]) => logger.debug({ component: name }, msg.map(String).join(' ')),
    info: (...msg: unknown[]) => logger.info({ component: name }, msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => logger.warn({ component: name }, msg.map(String).join(' ')),
    error: (...msg: unknown[]) => logger.error({ component: name }, msg.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
};
