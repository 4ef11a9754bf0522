/** A one-line progress bar on a terminal (stderr); silent when stderr is not a TTY. */
export interface ProgressBar {
  update(done: number, total: number, note?: string): void;
  finish(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (process.env.BULWARK_PROGRESS === 'plain') {
    // one line per update, for tools and tests that watch a non-terminal
    return { update: (done, total, note = '') => void stream.write(`progress ${label} ${done}/${total} ${note}\n`), finish() {} };
  }
  if (!stream.isTTY) return { update() {}, finish() {} };
  const started = Date.now();
  let last = 0;
  let shown = false;
  const render = (done: number, total: number, note = '') => {
    const width = 30;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - started) / 1000;
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${mb(done)}/${mb(total)} ${note} ${secs.toFixed(1)}s`;
    stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
    shown = true;
  };
  return {
    update(done, total, note) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      render(done, total, note);
    },
    finish() {
      if (shown) stream.write('\n');
    },
  };
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`;
}
