import { openBenchDatabase, seedIfEmpty, sizeForScale, prepareTargets } from "./lib/dataset";
const scale = Number(process.argv[2] ?? "1");
const started = Date.now();
const db = await openBenchDatabase({ name: `ce_bench_s${String(scale).replace(".", "_")}`, keep: true });
console.log("db", db.name, db.reused);
const r = await seedIfEmpty({ url: db.url, size: sizeForScale(scale), log: (m) => console.log(((Date.now() - started) / 1000).toFixed(1), m) });
console.log(r, (Date.now() - started) / 1000);
console.log(JSON.stringify(await prepareTargets({ url: db.url, voteAnswers: 10 })), (Date.now() - started) / 1000);
