import type { Metadata } from "next";
import Link from "next/link";
import { isBanActive } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/users/list-users";
import { AdminNav } from "../admin-nav";
import { requireStaff } from "../require-staff";
import { BanControl, RoleSelect } from "./user-controls";

export const metadata: Metadata = { title: "Users · Admin" };
export const dynamic = "force-dynamic";

type Search = { q?: string; role?: string; banned?: string; page?: string };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireStaff("admin");
  const params = await searchParams;
  const role = (ROLES as readonly string[]).includes(params.role ?? "") ? params.role : undefined;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const result = await listUsers({ db: getDb(), search: params.q, role, banned: params.banned === "1", page, limit: 50 });
  const pages = Math.max(1, Math.ceil(result.total / result.limit));
  const link = (p: number) =>
    `/admin/users?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(role ? { role } : {}), ...(params.banned === "1" ? { banned: "1" } : {}), page: String(p) })}`;

  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Users</h1>
      <AdminNav role="admin" current="/admin/users" />
      <form className="mb-4 flex flex-wrap items-center gap-2 text-sm" role="search">
        <input
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder="Username, email or name"
          aria-label="Search users"
          className="w-64 rounded-md border border-slate-300 px-3 py-1.5"
        />
        <select name="role" defaultValue={role ?? ""} aria-label="Role" className="rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="banned" value="1" defaultChecked={params.banned === "1"} /> banned only
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">Filter</button>
        <span className="ml-auto text-slate-500">{result.total} user(s)</span>
      </form>
      <table className="w-full border-collapse bg-white text-left text-sm" data-testid="users-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-2 py-2">User</th>
            <th className="px-2 py-2">Email</th>
            <th className="px-2 py-2">Role</th>
            <th className="px-2 py-2 text-right">Rep</th>
            <th className="px-2 py-2">Joined</th>
            <th className="px-2 py-2">Last seen</th>
            <th className="px-2 py-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((user) => (
            <tr key={user.id} className="border-b border-slate-100" data-testid={`user-row-${user.username}`}>
              <td className="px-2 py-1.5">
                <Link href={`/users/${user.username}`} className="font-medium text-blue-700 hover:underline">{user.username}</Link>
                {user.name !== user.username && <span className="ml-1 text-slate-500">{user.name}</span>}
              </td>
              <td className="px-2 py-1.5 text-slate-600">{user.email}</td>
              <td className="px-2 py-1.5">
                <RoleSelect userId={user.id} role={user.role} disabled={user.id === actor.id} />
              </td>
              <td className="px-2 py-1.5 text-right">{user.reputation}</td>
              <td className="whitespace-nowrap px-2 py-1.5 text-slate-500">{user.createdAt.toISOString().slice(0, 10)}</td>
              <td className="whitespace-nowrap px-2 py-1.5 text-slate-500">{user.lastSeenAt?.toISOString().slice(0, 10) ?? "—"}</td>
              <td className="px-2 py-1.5">
                <BanControl
                  userId={user.id}
                  username={user.username}
                  banned={isBanActive(user)}
                  banExpires={user.banExpires?.toISOString() ?? null}
                  disabled={user.id === actor.id}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex gap-4 text-sm">
        {page > 1 && <Link href={link(page - 1)} className="text-blue-700 hover:underline">← Previous</Link>}
        <span className="text-slate-500">Page {page} of {pages}</span>
        {page < pages && <Link href={link(page + 1)} className="text-blue-700 hover:underline">Next →</Link>}
      </div>
    </section>
  );
}
