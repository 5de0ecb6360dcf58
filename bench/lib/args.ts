import { parseArgs } from "node:util";

export type BenchArgs = {
  /** 1 = 100,000 questions / 300,000 answers / 20,000 users / 2,000 tags. */
  scale: number;
  /** Seconds per scenario. */
  duration: number;
  connections: number;
  /** Reuse (or create and keep) this database instead of a throwaway one. */
  db: string | null;
  keepDb: boolean;
  /** Skip the notification end-to-end run (bench/notify.ts). */
  skipNotify: boolean;
  /** Only these scenarios (comma-separated ids), for quick iterations. */
  only: string[] | null;
  /** Rebuild even when the build output exists. */
  build: boolean;
  /** Build and run from .next-bench-root (leaves the checkout's .next and dist alone). */
  isolated: boolean;
  /** Profile the web server (--cpu-prof into bench/results/profiles). */
  cpuProf: boolean;
  /** 0 = any free port. */
  port: number;
};

const USAGE = `npm run bench [-- options]
  --scale <x>        dataset size, 1 = 100k questions / 300k answers / 20k users / 2k tags (default 1)
  --duration <s>     seconds per scenario (default 15)
  --connections <n>  concurrent connections / voters (default 32)
  --db <name>        reuse this database if it exists (seeded once), keep it afterwards
  --keep-db          keep the throwaway database
  --only <ids>       comma-separated scenario ids (see bench/results/*.md)
  --skip-notify      skip the notification end-to-end run
  --build            rebuild first (otherwise only when dist/cli.js or .next/standalone is missing)
  --isolated         build into and run from .next-bench-root, leaving the checkout's build alone
  --cpu-prof         write a CPU profile of the web server to bench/results/profiles/
  --port <n>         port for the product (default: a free one)`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: "string", default: "1" },
      duration: { type: "string", default: "15" },
      connections: { type: "string", default: "32" },
      db: { type: "string" },
      "keep-db": { type: "boolean", default: false },
      only: { type: "string" },
      "skip-notify": { type: "boolean", default: false },
      build: { type: "boolean", default: false },
      isolated: { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      port: { type: "string", default: "0" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, value: string, min: number, max: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`--${name} must be a number from ${min} to ${max}\n${USAGE}`);
    return parsed;
  };
  return {
    scale: number("scale", values.scale, 0.001, 10),
    duration: number("duration", values.duration, 1, 600),
    connections: Math.round(number("connections", values.connections, 1, 512)),
    db: values.db ?? null,
    keepDb: values["keep-db"] || Boolean(values.db),
    skipNotify: values["skip-notify"],
    only: values.only ? values.only.split(",").map((id) => id.trim()).filter(Boolean) : null,
    build: values.build,
    isolated: values.isolated,
    cpuProf: values["cpu-prof"],
    port: values.port === "0" ? 0 : Math.round(number("port", values.port, 1024, 65535)),
  };
}
