import { describe, expect, it } from "vitest";
import type { DoctorCheck } from "./doctor-check";
import { createDoctorContext } from "./doctor-context";
import { formatDoctorOutcome, runDoctorChecks } from "./run-doctor-checks";

const check = (name: string, run: DoctorCheck["run"], dependsOn?: string[]): DoctorCheck => ({ name, label: name.toUpperCase(), dependsOn, run });
const pass = async () => ({ ok: true, detail: "fine" });
const fail = async () => ({ ok: false, detail: "broken" });

describe("runDoctorChecks", () => {
  const context = createDoctorContext({ env: {}, migrationsDir: "/nowhere" });

  it("runs in order, keeps going after a failure, skips only the dependents", async () => {
    const seen: string[] = [];
    const outcomes = await runDoctorChecks({
      context,
      checks: [check("a", fail), check("b", pass), check("c", pass, ["a"]), check("d", pass, ["c"]), check("e", pass, ["b"])],
      onOutcome: (outcome) => seen.push(formatDoctorOutcome(outcome)),
    });
    expect(seen).toEqual([
      "✗ A: broken",
      "✓ B: fine",
      "– C: skipped (A failed)",
      "– D: skipped (C failed)",
      "✓ E: fine",
    ]);
    expect(outcomes.map((o) => o.skipped)).toEqual([false, false, true, true, false]);
  });

  it("a throwing or hanging check is a failure, not a crash or a hang", async () => {
    const outcomes = await runDoctorChecks({
      context,
      checkTimeoutMs: 50,
      checks: [
        check("throws", async () => {
          throw new Error("boom");
        }),
        check("hangs", () => new Promise(() => {})),
      ],
    });
    expect(outcomes.map(formatDoctorOutcome)).toEqual(["✗ THROWS: boom", "✗ HANGS: no answer within 0.05 s"]);
  });
});
