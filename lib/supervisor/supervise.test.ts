import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { processRunning } from "./process-group";
import { supervise, type ChildSpec, type Supervisor } from "./supervise";

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures");
type LogEntry = { level: number; msg: string; proc?: string; [key: string]: unknown };

function captureLogger(): { logger: pino.Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n")) if (line) entries.push(JSON.parse(line) as LogEntry);
      callback();
    },
  });
  return { logger: pino({ level: "trace", base: { proc: "supervisor" } }, stream), entries };
}

function fixture(name: string, file: string, env: Record<string, string> = {}): ChildSpec {
  return { name, command: process.execPath, args: [path.join(FIXTURES, file)], env };
}

/** process.kill(pid, 0), minus zombies (orphans are never reaped where PID 1 is not an init). */
const alive = (pid: number): boolean => processRunning(pid);

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const running: Supervisor[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((supervisor) => supervisor.stop()));
});

function start(options: Parameters<typeof supervise>[0]): Supervisor {
  const supervisor = supervise(options);
  running.push(supervisor);
  return supervisor;
}

describe("supervise", () => {
  it("relays JSON lines with the child's level and fields, and plain lines as messages", async () => {
    const { logger, entries } = captureLogger();
    const supervisor = start({ children: [fixture("app", "supervised-sleeper.mjs")], logger });
    const ready = await waitFor(() => entries.find((entry) => entry.msg === "ready"));
    expect(ready).toMatchObject({ level: 30, proc: "app", answer: 42 });
    expect(ready.pid).toBeUndefined(); // the child's own pid/hostname/name are not repeated
    expect(ready.hostname).toBeUndefined();
    expect(ready.name).toBeUndefined();
    const failed = await waitFor(() => entries.find((entry) => entry.msg === "failed once"));
    expect(failed).toMatchObject({ level: 50, proc: "app", err: { type: "TypeError", message: "boom" } });
    await waitFor(() => entries.find((entry) => entry.msg === "plain line from the child" && entry.proc === "app" && entry.level === 30));
    await waitFor(() => entries.find((entry) => entry.msg === "a warning on stderr" && entry.level === 40));
    await supervisor.stop();
    expect(await supervisor.done).toBe(0);
  });

  it("restarts a child that was SIGKILLed, and takes its grandchildren down with it", async () => {
    const { logger, entries } = captureLogger();
    const supervisor = start({
      children: [fixture("tree", "supervised-tree.mjs")],
      logger,
      restart: { initialDelayMs: 50 },
    });
    const first = await waitFor(() => entries.find((entry) => entry.msg === "tree ready"));
    const firstPid = supervisor.pids().tree as number;
    const grandchildPid = first.grandchildPid as number;
    expect(alive(grandchildPid)).toBe(true);

    process.kill(firstPid, "SIGKILL");
    const secondPid = await waitFor(() => {
      const pid = supervisor.pids().tree;
      return pid !== undefined && pid !== firstPid ? pid : undefined;
    });
    expect(alive(secondPid)).toBe(true);
    await waitFor(() => !alive(grandchildPid), 3000);
    expect(entries.some((entry) => entry.level === 50 && /was killed by SIGKILL; restarting in 50ms/.test(entry.msg))).toBe(true);
  });

  it("gives up on a crash loop: loud fatal line naming the child and exit code, everything stopped, code 1", async () => {
    const { logger, entries } = captureLogger();
    const supervisor = start({
      children: [fixture("crashy", "supervised-crasher.mjs"), fixture("steady", "supervised-sleeper.mjs")],
      logger,
      restart: { initialDelayMs: 10, maxDelayMs: 40, maxRestarts: 3, windowMs: 30_000 },
    });
    await waitFor(() => supervisor.pids().steady);
    const steadyPid = supervisor.pids().steady as number;
    expect(await supervisor.done).toBe(1);

    const fatal = entries.find((entry) => entry.level === 60);
    expect(fatal).toMatchObject({ proc: "crashy", exitCode: 3 });
    expect(fatal?.msg).toMatch(/crashy crashed 4 times .*exited with code 3.*giving up/);
    expect(entries.filter((entry) => entry.proc === "crashy" && entry.msg.startsWith("started (pid "))).toHaveLength(4);
    expect(alive(steadyPid)).toBe(false);
    expect(supervisor.pids()).toEqual({ crashy: undefined, steady: undefined });
  });

  it("stop() ends the whole tree, grandchild included, within the timeout", async () => {
    const { logger, entries } = captureLogger();
    const supervisor = start({ children: [fixture("tree", "supervised-tree.mjs")], logger, shutdownTimeoutMs: 1500 });
    const ready = await waitFor(() => entries.find((entry) => entry.msg === "tree ready"));
    const childPid = supervisor.pids().tree as number;
    const grandchildPid = ready.grandchildPid as number;

    const startedAt = Date.now();
    await supervisor.stop();
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeLessThan(10_000);
    expect(alive(childPid)).toBe(false);
    expect(alive(grandchildPid)).toBe(false);
    expect(await supervisor.done).toBe(0);
  });

  it("SIGKILLs a child that ignores SIGTERM once the shutdown timeout has passed", async () => {
    const { logger, entries } = captureLogger();
    const supervisor = start({
      children: [fixture("stubborn", "supervised-sleeper.mjs", { IGNORE_SIGTERM: "1" }), fixture("polite", "supervised-sleeper.mjs")],
      logger,
      shutdownTimeoutMs: 800,
    });
    await waitFor(() => entries.filter((entry) => entry.msg === "ready").length === 2);
    const { stubborn, polite } = supervisor.pids() as Record<string, number>;

    const startedAt = Date.now();
    await supervisor.stop();
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(3000);
    expect(alive(stubborn)).toBe(false);
    expect(alive(polite)).toBe(false);
    expect(entries.some((entry) => entry.level === 40 && entry.proc === "stubborn" && /did not stop within 800ms/.test(entry.msg))).toBe(true);
    expect(entries.some((entry) => entry.proc === "polite" && /did not stop within 800ms/.test(entry.msg))).toBe(false);
  });

  it("reports a command that cannot be started and gives up on it", async () => {
    const { logger, entries } = captureLogger();
    const supervisor = start({
      children: [{ name: "ghost", command: "/nonexistent/ce-binary" }],
      logger,
      restart: { initialDelayMs: 5, maxRestarts: 1 },
    });
    expect(await supervisor.done).toBe(1);
    expect(entries.find((entry) => entry.level === 60)?.msg).toMatch(/ghost crashed 2 times .*failed to start/);
  });
});
