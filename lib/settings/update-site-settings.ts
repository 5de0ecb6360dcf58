import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { appErrorFromZod } from "../errors/from-zod";
import { writeAuditLog } from "../audit/write-audit-log";
import { assertAdmin, type Operator, operatorId } from "../users/operator";
import { getSiteSettings } from "./get-site-settings";
import { SITE_SETTINGS_UPDATE_SCHEMA, type SiteSettings } from "./site-settings";

export type UpdateSiteSettingsOptions = { db: Db; operator: Operator; update: unknown };

/** Validates and stores the given settings (others unchanged); admins only; audited. */
export async function updateSiteSettings(options: UpdateSiteSettingsOptions): Promise<SiteSettings> {
  assertAdmin(options.operator);
  const parsed = SITE_SETTINGS_UPDATE_SCHEMA.safeParse(options.update);
  if (!parsed.success) throw appErrorFromZod(parsed.error, "Invalid settings");
  const entries = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
  if (entries.length > 0) {
    const before = await getSiteSettings({ db: options.db });
    await options.db.$transaction(async (tx) => {
      for (const [key, value] of entries) {
        const json = value as Prisma.InputJsonValue;
        await tx.siteSetting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
      }
      const changes: Record<string, Prisma.InputJsonValue> = {};
      for (const [key, value] of entries) {
        changes[key] = { from: before[key as keyof SiteSettings] as Prisma.InputJsonValue, to: value as Prisma.InputJsonValue };
      }
      await writeAuditLog({
        tx,
        actorId: operatorId(options.operator),
        action: "settings.update",
        targetType: "settings",
        targetId: "site",
        details: changes,
      });
    });
  }
  return getSiteSettings({ db: options.db });
}
