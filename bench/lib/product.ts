import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type RunningProduct = {
  pid: number;
  url: string;
  /** From spawn to the first 200 from /api/health. */
  coldStartMs: number;
  /** With cpuProfDir: every process writes its CPU profile so far (bench/lib/cpu-profile-preload.mjs). */
  writeProfiles(): Promise<void>;
  output(): string;
  stop(): Promise<void>;
};

/**
 * `node bin/community-engine.js start` with the given environment, from an empty folder (no
 * stray .env), and the time until /api/health answers 200. Bounded: 60 s to become healthy.
 */
export async function startProduct(options: { packageRoot: string; env: Record<string, string>; port: number; cpuProfDir?: string }): Promise<RunningProduct> {
  const url = `http://127.0.0.1:${options.port}`;
  const cwd = mkdtempSync(path.join(tmpdir(), "ce-bench-"));
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
  // Node refuses --cpu-prof in NODE_OPTIONS: a preload profiles every process of the tree instead.
  if (options.cpuProfDir) {
    env.NODE_OPTIONS = `--import=${pathToFileURL(path.join(import.meta.dirname, "cpu-profile-preload.mjs")).href}`;
    env.CE_CPU_PROF_DIR = options.cpuProfDir;
  }
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(options.packageRoot, "bin", "community-engine.js"), "start"], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = started + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`community-engine start exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      killTree(child.pid as number, "SIGKILL");
      throw new Error(`community-engine start was not healthy after 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const coldStartMs = performance.now() - started;

  return {
    pid: child.pid as number,
    url,
    coldStartMs,
    output: () => output,
    async writeProfiles() {
      if (!options.cpuProfDir) return;
      for (const pid of processTree(child.pid as number)) {
        try {
          process.kill(pid, "SIGUSR2");
        } catch {
          // gone
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 3000));
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => killTree(child.pid as number, "SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** pid → parent pid for every process we can see. */
function parentMap(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces: fields follow the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // exited meanwhile
    }
  }
  return parents;
}

/** The process and all its descendants. */
export function processTree(rootPid: number): number[] {
  const parents = parentMap();
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

export type TreeMemory = {
  totalMb: number;
  /** Proportional set size: shared pages (Node's code, libraries) counted once across the tree. */
  pssMb: number;
  processes: Array<{ pid: number; name: string; rssMb: number; pssMb: number }>;
};

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Resident memory (VmRSS, and PSS from smaps_rollup) of the process tree, per process and summed. */
export function treeRss(rootPid: number): TreeMemory {
  const processes = processTree(rootPid).flatMap((pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      let pssKb = rssKb;
      try {
        pssKb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? rssKb);
      } catch {
        // no smaps_rollup (old kernel): RSS stands in
      }
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const name = cmdline.find((arg) => /server\.js|worker\.js|community-engine\.js/.test(arg)) ?? cmdline[0] ?? String(pid);
      return [{ pid, name: path.basename(name), rssMb: mb(rssKb), pssMb: mb(pssKb) }];
    } catch {
      return [];
    }
  });
  const sum = (key: "rssMb" | "pssMb") => Math.round(processes.reduce((total, p) => total + p[key], 0) * 10) / 10;
  return { totalMb: sum("rssMb"), pssMb: sum("pssMb"), processes };
}

function killTree(rootPid: number, signal: NodeJS.Signals): void {
  for (const pid of processTree(rootPid).reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** The web server's pid in the tree (the process running the standalone server.js). */
export function webPid(rootPid: number): number | null {
  for (const pid of processTree(rootPid)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").some((arg) => arg.endsWith("server.js") || arg.startsWith("next-server"))) return pid;
    } catch {
      // exited
    }
  }
  return null;
}

/** CPU time (user + system, ms) used so far by these processes; Linux clock ticks are 10 ms. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat; `fields` starts at field 3.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks * 10;
}
