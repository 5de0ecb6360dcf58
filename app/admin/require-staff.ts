import { headers } from "next/headers";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/resolve-actor";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

/**
 * The signed-in staff member for an /admin page, or a plain 404 for everyone else (we don't
 * reveal that the admin area exists). `admin` pages need an admin; `moderator` pages let
 * moderators in too.
 */
export async function requireStaff(minimum: "moderator" | "admin"): Promise<Actor> {
  const resolved = await resolveActor({ headers: await headers(), db: getDb(), secret: getConfig().BETTER_AUTH_SECRET });
  if (resolved.kind !== "user") notFound();
  const { actor } = resolved;
  if (actor.role === "admin" || (minimum === "moderator" && actor.role === "moderator")) return actor;
  notFound();
}
