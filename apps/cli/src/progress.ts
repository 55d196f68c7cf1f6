import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr (stdout stays the result's, for pipes and `--json`). */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A bar while long work runs: on a terminal only, never with `--json`. `unit` names what is
 * counted (`events`, `workflows`). Without a known total it counts up.
 */
export function progressBar(
  label: string,
  unit: string,
  options: { enabled: boolean; stream?: NodeJS.WriteStream } = { enabled: true },
): Progress {
  const stream = options.stream ?? process.stderr;
  if (!options.enabled || !stream.isTTY) return NONE;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      const end = Math.max(total ?? 0, done, 1);
      if (!started) {
        bar.start(end, done);
        started = true;
      } else {
        bar.setTotal(end);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
