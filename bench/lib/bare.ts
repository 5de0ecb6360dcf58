import { spawn } from "node:child_process";
import path from "node:path";

export type BareServer = { url: string; pid: number; stop(): Promise<void> };

/** The bare node:http ceiling (bench/lib/bare-server.mjs) in its own process. */
export async function startBareServer(): Promise<BareServer> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "bare-server.mjs"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { PATH: process.env.PATH, NODE_ENV: "production" },
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bare server did not start in 10 s")), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
