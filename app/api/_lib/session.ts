import type { Actor } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/resolve-actor";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

function resolve(headers: Headers) {
  return resolveActor({ headers, db: getDb(), secret: getConfig().BETTER_AUTH_SECRET });
}

/** The signed-in actor, or null for anonymous readers (banned users read as anonymous). */
export async function getActor(request: Request | { headers: Headers }): Promise<Actor | null> {
  const resolved = await resolve(request.headers);
  return resolved.kind === "user" ? resolved.actor : null;
}

/** For writes: 401 when signed out, 403 when banned. */
export async function requireActor(request: Request): Promise<Actor> {
  const resolved = await resolve(request.headers);
  if (resolved.kind === "user") return resolved.actor;
  if (resolved.kind === "banned") throw new AppError("FORBIDDEN", "Your account is banned");
  throw new AppError("UNAUTHENTICATED", "Sign in to do that");
}
