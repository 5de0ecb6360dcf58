import type { Role } from "./roles";

/** The signed-in user as the domain sees them (what permissions need, nothing more). */
export type Actor = {
  id: string;
  username: string;
  role: Role;
  banned: boolean;
};

export function isBanActive(user: { banned?: boolean | null; banExpires?: Date | string | null }): boolean {
  if (!user.banned) return false;
  return !user.banExpires || new Date(user.banExpires).getTime() > Date.now();
}
