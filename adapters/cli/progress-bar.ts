import cliProgress from 'cli-progress';

export interface ProgressBar {
  update(done: number, total: number, detail?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A progress bar with ETA on a terminal; nothing on a pipe or a file, where the caller prints
 * one summary line instead. `unit` names what is counted ("days", "files").
 */
export function progressBar(label: string, unit: string, detail: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} |{bar}| {value}/{total} ${unit} | ${detail} | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, values = {}) {
      if (!started) {
        bar.start(total, done, values);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, values);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
