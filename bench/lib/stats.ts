/** Figures every scenario and baseline reports (latencies in milliseconds). */
export type LoadFigures = {
  /** Completed requests (or queries) per second over the whole run. */
  rps: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses with an unexpected status, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
};

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Collects latencies without per-sample allocation (a run can record millions). */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private count = 0;

  add(ms: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = ms;
  }

  get size(): number {
    return this.count;
  }

  figures(seconds: number, errors: number, statuses: Record<string, number>): LoadFigures {
    const sorted = this.samples.slice(0, this.count).sort();
    return {
      rps: round(this.count / seconds, 0),
      total: this.count,
      p50: round(percentile(sorted, 50), 2),
      p95: round(percentile(sorted, 95), 2),
      p99: round(percentile(sorted, 99), 2),
      max: round(percentile(sorted, 100), 2),
      errors,
      statuses,
      seconds: round(seconds, 2),
    };
  }
}

/**
 * `loops` concurrent loops, each calling `iteration(loop, n)` (n counts that loop's calls) until
 * `seconds` have passed: every call's latency is recorded, a throw counts as an error.
 */
export async function timedLoops(options: { loops: number; seconds: number; iteration: (loop: number, n: number) => Promise<void> }): Promise<LoadFigures> {
  const recorder = new LatencyRecorder();
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.loops }, async (_, loop) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        try {
          await options.iteration(loop, n);
          recorder.add(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return recorder.figures((performance.now() - started) / 1000, errors, { ok: recorder.size });
}
