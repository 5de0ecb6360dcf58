// `npm run bench -- --cpu-prof`: loaded into every process of the product tree through
// NODE_OPTIONS=--import (Node refuses --cpu-prof there). Profiles from start; on SIGUSR2 writes
// <CE_CPU_PROF_DIR>/<name>-<pid>.cpuprofile (open it in Chrome DevTools or speedscope).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.CE_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }, () => session.post("Profiler.start")));
  process.on("SIGUSR2", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      const name = path.basename(process.argv[1] ?? "node").replace(/\.[cm]?js$/, "");
      writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
