/**
 * What dist/cli.js runs (bin/community-engine.js imports it). `start` gets a slim program of its
 * own (cli/start-main.ts) because that process lives as long as the site; everything else loads
 * the full CLI. Both are code-split chunks, so only the chosen one is ever loaded.
 */
if (process.argv[2] === "start") {
  const { startMain } = await import("./start-main");
  await startMain(process.argv);
} else {
  await import("./index");
}
export {};
