export interface Writable {
  write(chunk: string): unknown;
}

const WIDTH = 30;

/** A one-line progress bar, redrawn at most ten times a second; silent when not a terminal. */
export const createProgress = (stream: Writable, enabled: boolean, totalBytes: number) => {
  let lastDraw = 0;
  const started = Date.now();
  return {
    update(bytes: number, messages: number): void {
      if (!enabled) return;
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
      const filled = Math.round(share * WIDTH);
      const rate = messages / Math.max(0.001, (now - started) / 1000);
      stream.write(
        `\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${messages.toLocaleString('en')} messages  ${Math.round(rate).toLocaleString('en')}/s`,
      );
    },
    done(): void {
      if (enabled) stream.write(`\r${' '.repeat(WIDTH + 50)}\r`);
    },
  };
};
