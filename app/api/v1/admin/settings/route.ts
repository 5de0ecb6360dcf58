import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getSiteSettings } from "@/lib/settings/get-site-settings";
import { updateSiteSettings } from "@/lib/settings/update-site-settings";
import { readJson, withErrors } from "../../../_lib/respond";
import { requireActor } from "../../../_lib/session";
import { revalidateSitePages } from "../../../_lib/write-guards";

export const dynamic = "force-dynamic";

async function requireAdmin(request: Request) {
  const actor = await requireActor(request);
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "Only administrators can do that");
  return actor;
}

/** GET /api/v1/admin/settings — the current site settings (admins only). */
export const GET = withErrors(async (request: Request) => {
  await requireAdmin(request);
  return NextResponse.json(await getSiteSettings({ db: getDb() }));
});

/** PUT /api/v1/admin/settings {siteName?, siteDescription?, registrationOpen?, blockedEmailDomains?} */
export const PUT = withErrors(async (request: Request) => {
  const operator = await requireAdmin(request);
  const settings = await updateSiteSettings({ db: getDb(), operator, update: await readJson(request) });
  // The site name is rendered on every page from Next's data cache (app/site.ts); `expire: 0`
  // so the admin's next page load shows the new name, not one stale copy.
  revalidateSitePages();
  return NextResponse.json(settings);
});
