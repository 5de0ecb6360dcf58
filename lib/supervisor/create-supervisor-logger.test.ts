import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createSupervisorLogger } from "./create-supervisor-logger";
import { relayChildLine } from "./relay-child-line";

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

describe("createSupervisorLogger", () => {
  it("labels its own lines supervisor and relayed lines with the child's name, one proc key each", () => {
    const { stream, text } = sink();
    const logger = createSupervisorLogger({ level: "info", pretty: false, destination: stream });
    logger.info("starting");
    relayChildLine(logger, "web", "stdout", JSON.stringify({ level: 40, time: 1, pid: 99, hostname: "x", proc: "web", name: "web", msg: "slow", ms: 900 }));
    relayChildLine(logger, "worker-2", "stderr", "Error: something odd");
    const lines = text().trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.match(/"proc":/g)).toHaveLength(1);
    const [own, relayed, plain] = lines.map((line) => JSON.parse(line));
    expect(own).toMatchObject({ level: 30, proc: "supervisor", pid: process.pid, msg: "starting" });
    expect(relayed).toMatchObject({ level: 40, proc: "web", msg: "slow", ms: 900 });
    expect(relayed.pid).toBeUndefined();
    expect(relayed.name).toBeUndefined();
    expect(plain).toMatchObject({ level: 40, proc: "worker-2", msg: "Error: something odd" });
  });

  it("pretty-prints as `<proc> › <msg>` on a terminal", () => {
    const { stream, text } = sink();
    const logger = createSupervisorLogger({ level: "info", pretty: true, destination: stream });
    relayChildLine(logger, "web", "stdout", "▲ Next.js 16");
    logger.info("stopping");
    expect(text()).toMatch(/web › ▲ Next\.js 16/);
    expect(text()).toMatch(/supervisor › stopping/);
  });
});
