import type { Metadata } from "next";
import Link from "next/link";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { getDb } from "@/lib/db";
import { AdminNav } from "../admin-nav";
import { requireStaff } from "../require-staff";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 100;

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requireStaff("moderator");
  const { before } = await searchParams;
  const beforeId = before && /^\d{1,19}$/.test(before) ? BigInt(before) : null;
  const entries = await listAuditLog({ db: getDb(), limit: PAGE_SIZE, beforeId });
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Audit log</h1>
      <AdminNav role={actor.role === "admin" ? "admin" : "moderator"} current="/admin/audit" />
      {entries.length === 0 ? (
        <p className="text-slate-600">No actions recorded yet.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm" data-testid="audit-table">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-2 py-2">When (UTC)</th>
              <th className="px-2 py-2">By</th>
              <th className="px-2 py-2">Action</th>
              <th className="px-2 py-2">Target</th>
              <th className="px-2 py-2">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap px-2 py-1.5 text-slate-500">{entry.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="px-2 py-1.5">{entry.actor}</td>
                <td className="px-2 py-1.5 font-medium">{entry.action}</td>
                <td className="px-2 py-1.5">{targetLink(entry.targetType, entry.targetId)}</td>
                <td className="max-w-md break-words px-2 py-1.5 font-mono text-xs text-slate-600">
                  {entry.details ? JSON.stringify(entry.details) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.length === PAGE_SIZE && (
        <Link href={`/admin/audit?before=${entries[entries.length - 1].id}`} className="mt-4 inline-block text-sm text-blue-700 hover:underline">
          Older →
        </Link>
      )}
    </section>
  );
}

function targetLink(type: string, id: string) {
  // The staff view: it also shows deleted questions (the public page 404s for them).
  if (type === "question") return <Link href={`/admin/questions/${id}`} className="text-blue-700 hover:underline">question #{id}</Link>;
  return `${type} ${type === "user" ? id.slice(0, 8) : id}`;
}
