import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getUserProfile } from "@/lib/users/get-user-profile";
import { BadgeList } from "../../components/badge-list";

export const dynamic = "force-dynamic";

export default async function UserPage({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  const profile = await getUserProfile({ db: getDb(), username: decodeURIComponent(username) }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <section className="space-y-6">
      <header className="rounded-lg border border-slate-200 bg-white p-5">
        <h1 className="text-2xl font-semibold">{profile.name}</h1>
        <p className="text-slate-600">@{profile.username} · {profile.role} · joined {profile.createdAt.toISOString().slice(0, 10)}</p>
        <dl className="mt-4 flex gap-8">
          <div><dt className="text-xs uppercase text-slate-500">Reputation</dt><dd className="text-2xl font-semibold" data-testid="reputation">{profile.reputation}</dd></div>
          <div><dt className="text-xs uppercase text-slate-500">Questions</dt><dd className="text-2xl">{profile.questionCount}</dd></div>
          <div><dt className="text-xs uppercase text-slate-500">Answers</dt><dd className="text-2xl">{profile.answerCount}</dd></div>
        </dl>
        <BadgeList username={profile.username} />
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <div>
          <h2 className="mb-2 font-semibold">Questions</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {profile.recentQuestions.map((q) => (
              <li key={q.id} className="flex gap-3 p-3 text-sm"><span className="w-10 text-right text-slate-500">{q.voteScore}</span><Link href={`/questions/${q.id}`} className="text-blue-800">{q.title}</Link></li>
            ))}
            {profile.recentQuestions.length === 0 ? <li className="p-3 text-sm text-slate-500">No questions yet.</li> : null}
          </ul>
        </div>
        <div>
          <h2 className="mb-2 font-semibold">Answers</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {profile.recentAnswers.map((a) => (
              <li key={a.id} className="flex gap-3 p-3 text-sm">
                <span className={`w-10 text-right ${a.accepted ? "font-semibold text-green-700" : "text-slate-500"}`}>{a.accepted ? "✓ " : ""}{a.voteScore}</span>
                <Link href={`/questions/${a.questionId}#answer-${a.id}`} className="text-blue-800">{a.questionTitle}</Link>
              </li>
            ))}
            {profile.recentAnswers.length === 0 ? <li className="p-3 text-sm text-slate-500">No answers yet.</li> : null}
          </ul>
        </div>
      </div>
    </section>
  );
}
