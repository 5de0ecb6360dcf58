export const ROLES = ["user", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function toRole(value: string | null | undefined): Role {
  return (ROLES as readonly string[]).includes(value ?? "") ? (value as Role) : "user";
}

export function isStaff(role: Role): boolean {
  return role === "moderator" || role === "admin";
}
