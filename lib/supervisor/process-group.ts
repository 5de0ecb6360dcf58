import { readdirSync, readFileSync } from "node:fs";

/**
 * Children are spawned detached, so each leads its own process group: signalling `-pid`
 * reaches the child and everything it spawned, and nothing is left behind.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    // ESRCH: the group is gone already
    return false;
  }
}

/**
 * Whether any process of the group `pgid` is still running. Zombies don't count: orphaned
 * grandchildren are reparented to PID 1, which (in a container without an init) may never
 * reap them, and a zombie is already dead.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalExists(-pgid)) return false;
  if (process.platform !== "linux") return true;
  return procEntries().some((stat) => stat.pgrp === pgid && !isDead(stat.state));
}

/** Whether `pid` is a running (not zombie) process. */
export function processRunning(pid: number): boolean {
  if (!signalExists(pid)) return false;
  if (process.platform !== "linux") return true;
  const stat = readStat(String(pid));
  return stat !== undefined && !isDead(stat.state);
}

function signalExists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type ProcStat = { pid: number; state: string; pgrp: number };

function procEntries(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) stats.push(stat);
  }
  return stats;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid: Number(pid), state: fields[0], pgrp: Number(fields[2]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

function isDead(state: string): boolean {
  return state === "Z" || state === "X";
}
