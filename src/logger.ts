import { pino, type Logger } from 'pino';

export type { Logger };

export const createLogger = (level: string, destination?: NodeJS.WritableStream): Logger =>
  pino(
    {
      level,
      base: { service: 'switchboard' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? process.stdout,
  );

export const silentLogger = (): Logger => pino({ level: 'silent' });
