import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { appChildren } from "./app-children";

const env = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  REDIS_URL: "redis://127.0.0.1:6379",
  BETTER_AUTH_SECRET: "x".repeat(40),
  SITE_URL: "http://localhost:3000",
};

describe("appChildren", () => {
  it("runs the web server with its preload and one V8 helper thread, and N workers", () => {
    const [web, ...workers] = appChildren({ packageRoot: "/pkg", config: parseConfig(env), env, workers: 2 });
    expect(web.name).toBe("web");
    expect(web.args).toEqual(["--v8-pool-size=1", "--import", "file:///pkg/dist/web-server-preload.js", "/pkg/.next/standalone/server.js"]);
    expect(web.cwd).toBe("/pkg/.next/standalone");
    expect(workers.map((worker) => [worker.name, worker.args])).toEqual([
      ["worker-1", ["--v8-pool-size=1", "/pkg/dist/worker.js"]],
      ["worker-2", ["--v8-pool-size=1", "/pkg/dist/worker.js"]],
    ]);
  });

  it("caps glibc malloc arenas at 2 unless the user set MALLOC_ARENA_MAX", () => {
    const [web] = appChildren({ packageRoot: "/pkg", config: parseConfig(env), env, workers: 0 });
    expect(web.env?.MALLOC_ARENA_MAX).toBe("2");
    const [own] = appChildren({ packageRoot: "/pkg", config: parseConfig(env), env: { ...env, MALLOC_ARENA_MAX: "8" }, workers: 0 });
    expect(own.env?.MALLOC_ARENA_MAX).toBe("8");
  });
});
