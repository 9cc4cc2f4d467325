/** A one-line progress bar on a terminal (stderr); silent when stderr is not a TTY. */
export interface Progress {
  update(fraction: number, label: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = -1;
  let shown = false;
  return {
    update(fraction, label) {
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      if (pct === last) return;
      last = pct;
      const width = 30;
      const full = Math.round((pct / 100) * width);
      stream.write(`\r${label.padEnd(16)} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(pct).padStart(3)}%`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r' + ' '.repeat(60) + '\r');
    },
  };
}
