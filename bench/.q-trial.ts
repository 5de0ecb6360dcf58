import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { getQuestion } from "../lib/questions/get-question";
import { listAnswers } from "../lib/answers/list-answers";
const adapter = new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:5432/ce_bench_s0_05" });
const db = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
db.$on("query", (e) => console.log(JSON.stringify(e)));
await Promise.all([getQuestion({ db, id: 1460 }), listAnswers({ db, questionId: 1460, limit: 10 })]);
await db.$disconnect();
