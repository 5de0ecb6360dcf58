import autocannon, { type AutocannonClient, type AutocannonRequest } from "autocannon";
import { LatencyRecorder, type LoadFigures } from "./stats";

export type LoadOptions = {
  /** Base URL, always http://127.0.0.1:<port>. */
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** A sequence each connection loops over (overrides method/path/body). */
  requests?: AutocannonRequest[];
  /** Per-connection setup: e.g. a different signed-in user on every connection. */
  setupClient?: (client: AutocannonClient) => void;
  /** Statuses that count as success (default: 200). */
  expect?: number[];
};

/**
 * One autocannon run. Latencies come from every successful response (autocannon's own
 * histogram has no p95); anything else counts as an error. Bounded by `duration`.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error(`refusing to load ${options.url}: only 127.0.0.1 targets`);
  const expect = new Set(options.expect ?? [200]);
  const recorder = new LatencyRecorder();
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  // autocannon treats a present-but-undefined option as set (method: undefined breaks it).
  const optional = Object.fromEntries(
    Object.entries({ method: options.method, headers: options.headers, body: options.body, requests: options.requests, setupClient: options.setupClient }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const instance = autocannon({
    url: `${options.url}${options.path ?? "/"}`,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    ...optional,
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (expect.has(status)) recorder.add(responseTime);
    else unexpected++;
  });
  const started = performance.now();
  const result = await instance;
  const seconds = Math.min(result.duration || options.duration, (performance.now() - started) / 1000);
  return recorder.figures(seconds, unexpected + result.errors + result.timeouts, statuses);
}
