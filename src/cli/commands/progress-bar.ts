import cliProgress from 'cli-progress';
import { log } from '../output.js';

/** A fraction-driven progress bar on stderr (stdout stays clean for --json); plain lines when not a TTY. */
export function fractionBar(): { update(fraction: number, message?: string): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(fraction, message) {
        const now = Date.now();
        if (now - last < 3000 && fraction < 1) return;
        last = now;
        log(`${Math.round(fraction * 100)}% ${message ?? ''}`.trimEnd());
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {percentage}% | {message}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { message: '' });
  return {
    update(fraction, message) {
      bar.update(Math.round(fraction * 100), { message: message ?? '' });
    },
    stop() {
      bar.stop();
    },
  };
}
