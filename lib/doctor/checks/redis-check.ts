import { failureReason } from "../../setup/failure-reason";
import { maskUrl } from "../../setup/mask-url";
import type { DoctorCheck } from "../doctor-check";

export const redisCheck: DoctorCheck = {
  name: "redis",
  label: "Redis",
  async run(context) {
    if (!context.redisUrl) return { ok: false, detail: "not checked: REDIS_URL is missing or invalid" };
    try {
      const redis = await context.redis();
      const info = await redis.info("server");
      const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? "unknown";
      return { ok: true, detail: `reachable at ${maskUrl(context.redisUrl)} (Redis ${version})` };
    } catch (error) {
      return { ok: false, detail: `unreachable at ${maskUrl(context.redisUrl)}: ${failureReason((error as Error).cause ?? error)}` };
    }
  },
};
