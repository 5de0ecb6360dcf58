import type { Metadata } from "next";
import Link from "next/link";
import { readSiteStats } from "@/lib/admin/read-site-stats";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { getDb } from "@/lib/db";
import { listModeratedQuestions } from "@/lib/moderation/list-moderated-questions";
import { AdminNav } from "./admin-nav";
import { requireStaff } from "./require-staff";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

export default async function AdminOverviewPage() {
  const actor = await requireStaff("moderator");
  const db = getDb();
  const [stats, moderated, recent] = await Promise.all([
    readSiteStats({ db }),
    listModeratedQuestions({ db, limit: 15 }),
    listAuditLog({ db, limit: 8 }),
  ]);
  const cards: Array<[string, number]> = [
    ["Users", stats.users],
    ["Banned", stats.bannedUsers],
    ["Moderators", stats.moderators],
    ["Admins", stats.admins],
    ["Questions", stats.questions],
    ["Answers", stats.answers],
    ["Votes", stats.votes],
    ["Closed", stats.closedQuestions],
    ["Locked", stats.lockedQuestions],
    ["Deleted questions", stats.deletedQuestions],
    ["Deleted answers", stats.deletedAnswers],
  ];
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Administration</h1>
      <AdminNav role={actor.role === "admin" ? "admin" : "moderator"} current="/admin" />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="admin-stats">
        {cards.map(([label, value]) => (
          <div key={label} className="rounded-md border border-slate-200 bg-white px-4 py-3">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="text-xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>

      <h2 className="mt-8 mb-2 text-lg font-semibold">Moderated questions</h2>
      {moderated.length === 0 ? (
        <p className="text-slate-600">Nothing closed, locked or deleted.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" data-testid="moderated-questions">
          {moderated.map((q) => (
            <li key={q.id} className="flex flex-wrap items-baseline gap-2 px-4 py-2 text-sm">
              {/* A deleted question's public page is a 404: open the staff view, where it can be undeleted. */}
              <Link href={q.deletedAt ? `/admin/questions/${q.id}` : `/questions/${q.id}`} className="font-medium text-blue-700 hover:underline">{q.title}</Link>
              <span className="text-slate-500">by {q.author}</span>
              <span className="ml-auto flex gap-2">
                {q.deletedAt && <Badge tone="red">deleted</Badge>}
                {q.closedAt && <Badge tone="amber">{q.duplicateOfId ? `duplicate of #${q.duplicateOfId}` : `closed: ${q.closedReason ?? ""}`}</Badge>}
                {q.lockedAt && <Badge tone="slate">locked</Badge>}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mt-8 mb-2 text-lg font-semibold">Recent actions</h2>
      <ul className="space-y-1 text-sm" data-testid="recent-audit">
        {recent.map((entry) => (
          <li key={entry.id}>
            <span className="text-slate-500">{entry.createdAt.toISOString().replace("T", " ").slice(0, 16)}</span>{" "}
            <span className="font-medium">{entry.actor}</span> {entry.action} {entry.targetType}:{entry.targetId}
          </li>
        ))}
      </ul>
      <Link href="/admin/audit" className="mt-2 inline-block text-sm text-blue-700 hover:underline">Full audit log →</Link>
    </section>
  );
}

function Badge({ tone, children }: { tone: "red" | "amber" | "slate"; children: React.ReactNode }) {
  const colours = { red: "bg-red-100 text-red-800", amber: "bg-amber-100 text-amber-800", slate: "bg-slate-200 text-slate-800" };
  return <span className={`rounded px-1.5 py-0.5 text-xs ${colours[tone]}`}>{children}</span>;
}
