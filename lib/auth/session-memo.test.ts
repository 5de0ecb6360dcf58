import { describe, expect, it } from "vitest";
import { SESSION_MEMO_TTL_MS, forgetSession, recallSession, rememberSession } from "./session-memo";

describe("session memo", () => {
  const far = new Date(Date.now() + 86_400_000);

  it("recalls a remembered cookie's user for a minute, then forgets it", () => {
    rememberSession({ cookie: "c1", userId: "u1", expiresAt: far, now: 1_000 });
    expect(recallSession("c1", 1_000 + SESSION_MEMO_TTL_MS - 1)).toBe("u1");
    expect(recallSession("c1", 1_000 + SESSION_MEMO_TTL_MS)).toBeNull();
    expect(recallSession("c1", 1_000)).toBeNull(); // gone, not just hidden
  });

  it("never outlives the session itself", () => {
    const now = Date.now();
    rememberSession({ cookie: "c2", userId: "u2", expiresAt: new Date(now + 5_000), now });
    expect(recallSession("c2", now + 4_999)).toBe("u2");
    expect(recallSession("c2", now + 5_000)).toBeNull();
  });

  it("forgets on request, and unknown cookies are null", () => {
    rememberSession({ cookie: "c3", userId: "u3", expiresAt: far });
    forgetSession("c3");
    expect(recallSession("c3")).toBeNull();
    expect(recallSession("never-seen")).toBeNull();
  });

  it("is shared through globalThis (the preload and Next's bundle are two module graphs)", () => {
    rememberSession({ cookie: "c4", userId: "u4", expiresAt: far });
    const shared = (globalThis as unknown as Record<symbol, Map<string, { userId: string }>>)[Symbol.for("community-engine.session-memo")];
    expect(shared.get("c4")?.userId).toBe("u4");
  });
});
