import { createInterface } from "node:readline";
import { execa, type Result, type ResultPromise } from "execa";
import type { Logger } from "../logger";
import { groupAlive, signalGroup } from "./process-group";
import { relayChildLine } from "./relay-child-line";
import { SUPERVISOR_PID_ENV } from "./supervise-env";

export type ChildSpec = {
  /** Log label and the name in crash reports, e.g. `web`, `worker-1`. */
  name: string;
  command: string;
  args?: string[];
  /** Added to the supervisor's environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
};

export type RestartPolicy = {
  /** First restart delay; doubles with each crash still inside the window. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** More crashes than this within `windowMs` and the supervisor gives up (exit code 1). */
  maxRestarts: number;
  windowMs: number;
};

export type SuperviseOptions = {
  children: ChildSpec[];
  logger: Logger;
  /** How long children get to drain after SIGTERM before their process group is SIGKILLed. */
  shutdownTimeoutMs?: number;
  restart?: Partial<RestartPolicy>;
};

export type Supervisor = {
  /** Resolves once every child is gone: 0 after stop(), 1 after giving up on a crash loop. */
  done: Promise<number>;
  /** SIGTERM to every child, SIGKILL to stragglers after the timeout; resolves when all are gone. */
  stop(): Promise<void>;
  /** SIGKILL every child's process group now (a second Ctrl-C). */
  kill(): void;
  /** Current pid of each child by name (undefined while it is down). */
  pids(): Record<string, number | undefined>;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, maxRestarts: 5, windowMs: 60_000 };


type ChildState = {
  spec: ChildSpec;
  pid?: number;
  exited?: Promise<Result>;
  crashes: number[];
  restartTimer?: NodeJS.Timeout;
};

/**
 * Runs the children, relays their logs, restarts crashed ones with exponential backoff, and
 * stops the whole tree on stop(). Installs no signal handlers: the CLI command does that.
 */
export function supervise(options: SuperviseOptions): Supervisor {
  const { logger } = options;
  // Children's `err` fields are already serialized: keep their type and stack as they are.
  const relayLogger = logger.child({}, { serializers: { err: passThrough, error: passThrough } });
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const policy: RestartPolicy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
  const states: ChildState[] = options.children.map((spec) => ({ spec, crashes: [] }));
  let stopping: Promise<void> | undefined;
  let exitCode = 0;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  // Last resort when the supervisor exits without stop() (an uncaught error, process.exit).
  const killAllOnExit = () => {
    for (const state of states) if (state.pid) signalGroup(state.pid, "SIGKILL");
  };
  process.on("exit", killAllOnExit);

  function spawn(state: ChildState): void {
    const { spec } = state;
    const child: ResultPromise = execa(spec.command, spec.args ?? [], {
      cwd: spec.cwd,
      env: { ...spec.env, [SUPERVISOR_PID_ENV]: String(process.pid) },
      stdio: ["ignore", "pipe", "pipe"],
      buffer: false,
      detached: true,
      cleanup: true,
      forceKillAfterDelay: false,
      reject: false,
    });
    state.pid = child.pid;
    state.exited = child;
    for (const stream of ["stdout", "stderr"] as const) {
      const readable = child[stream];
      if (!readable) continue;
      createInterface({ input: readable, crlfDelay: Infinity }).on("line", (line) =>
        relayChildLine(relayLogger, spec.name, stream, line),
      );
    }
    if (child.pid) logger.info({ proc: spec.name, pid: child.pid }, `started (pid ${child.pid})`);
    void child.then((result) => onExit(state, child.pid, result));
  }

  function onExit(state: ChildState, pid: number | undefined, result: Result): void {
    if (state.exited && state.pid !== pid) return;
    state.pid = undefined;
    if (stopping) return; // stop() waits for the tree itself
    // Whatever the child left running in its group goes with it.
    if (pid) signalGroup(pid, "SIGKILL");
    const { spec } = state;
    const how = describeExit(result);
    const now = Date.now();
    state.crashes = [...state.crashes.filter((at) => now - at < policy.windowMs), now];
    if (state.crashes.length > policy.maxRestarts) {
      logger.fatal(
        { proc: spec.name, exitCode: result.exitCode, signal: result.signal, crashes: state.crashes.length, windowMs: policy.windowMs },
        `✗ ${spec.name} crashed ${state.crashes.length} times within ${Math.round(policy.windowMs / 1000)}s (last: ${how}); giving up and stopping everything`,
      );
      exitCode = 1;
      void stop();
      return;
    }
    const delay = Math.min(policy.initialDelayMs * 2 ** (state.crashes.length - 1), policy.maxDelayMs);
    logger.error({ proc: spec.name, exitCode: result.exitCode, signal: result.signal, restartInMs: delay }, `${how}; restarting in ${delay}ms`);
    state.restartTimer = setTimeout(() => {
      state.restartTimer = undefined;
      if (!stopping) spawn(state);
    }, delay);
  }

  async function stopState(state: ChildState, deadline: number): Promise<void> {
    const pid = state.pid;
    if (!pid || !state.exited) return;
    const exited = state.exited;
    const timeLeft = () => Math.max(0, deadline - Date.now());
    const timer = delay(timeLeft());
    const leaderExited = await Promise.race([exited.then(() => true), timer.promise.then(() => false)]);
    timer.cancel(); // a pending timer would keep the process alive until the deadline
    // Grandchildren got the SIGTERM too; give them the rest of the time.
    while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
    if (!leaderExited || groupAlive(pid)) {
      logger.warn({ proc: state.spec.name, pid, timeoutMs: shutdownTimeoutMs }, `did not stop within ${shutdownTimeoutMs}ms; killing it (SIGKILL)`);
      signalGroup(pid, "SIGKILL");
      await exited;
      // kill() returns before the processes are actually gone; wait for that (briefly).
      const killDeadline = Date.now() + 2000;
      while (groupAlive(pid) && Date.now() < killDeadline) await sleep(20);
    }
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      const deadline = Date.now() + shutdownTimeoutMs;
      for (const state of states) {
        clearTimeout(state.restartTimer);
        if (state.pid) signalGroup(state.pid, "SIGTERM");
      }
      await Promise.all(states.map((state) => stopState(state, deadline)));
      for (const state of states) state.pid = undefined;
      process.off("exit", killAllOnExit);
      logger.info({ code: exitCode }, exitCode === 0 ? "all processes stopped" : "stopped after a crash loop");
      resolveDone(exitCode);
    })();
    return stopping;
  }

  for (const state of states) spawn(state);

  return {
    done,
    stop,
    kill() {
      for (const state of states) {
        clearTimeout(state.restartTimer);
        if (state.pid) signalGroup(state.pid, "SIGKILL");
      }
      void stop();
    },
    pids() {
      return Object.fromEntries(states.map((state) => [state.spec.name, state.pid]));
    },
  };
}

function passThrough(value: unknown): unknown {
  return value;
}

function describeExit(result: Result): string {
  if (result.signal) return `was killed by ${result.signal}`;
  if (typeof result.exitCode === "number") return `exited with code ${result.exitCode}`;
  return `failed to start (${result.shortMessage ?? result.message ?? "unknown error"})`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function delay(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}
