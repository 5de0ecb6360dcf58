import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listAnswers } from "@/lib/answers/list-answers";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getQuestion } from "@/lib/questions/get-question";
import { AuthorCard } from "../../../components/author-card";
import { ModerationMenu } from "../../../components/moderation-menu";
import { TagChip } from "../../../components/tag-chip";
import { requireStaff } from "../../require-staff";

export const metadata: Metadata = { title: "Review question" };
export const dynamic = "force-dynamic";

/**
 * The staff view of a question, deleted or not, so moderators can review a deleted question and
 * undelete it from the site. It lives here, not on /questions/:id, because that page is served
 * from Next's full route cache (ISR) and must stay the same for every reader: it cannot depend
 * on who asks. The question page's 404 links staff here.
 */
export default async function AdminQuestionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("moderator");
  const rawId = (await params).id;
  if (!/^\d{1,9}$/.test(rawId)) notFound();
  const id = Number(rawId);
  const db = getDb();
  const [question, answers] = await Promise.all([
    getQuestion({ db, id, includeDeleted: true }),
    listAnswers({ db, questionId: id, limit: 50, includeDeleted: true }),
  ]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <article className="space-y-6">
      {question.deletedAt ? (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="deleted-banner">
          This question is deleted (since {question.deletedAt.toISOString().slice(0, 16).replace("T", " ")} UTC): only moderators and admins
          can see it. Use Moderate ▾ → Undelete to restore it.
        </p>
      ) : (
        <p role="status" className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          This question is visible to everyone: <Link href={`/questions/${question.id}`} className="text-blue-700 hover:underline">open the public page</Link>.
        </p>
      )}
      <header className="flex items-start justify-between gap-4 border-b border-slate-200 pb-4">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="question-title">{question.title}</h1>
          <p className="mt-1 text-sm text-slate-500">
            Question #{question.id} · score {question.voteScore}
            {question.closedAt ? <span className="ml-2 rounded bg-amber-100 px-2 text-amber-900">closed{question.closedReason ? `: ${question.closedReason}` : ""}</span> : null}
            {question.lockedAt ? <span className="ml-2 rounded bg-slate-200 px-2">locked</span> : null}
          </p>
        </div>
        <ModerationMenu target="question" id={question.id} closed={Boolean(question.closedAt)} locked={Boolean(question.lockedAt)} deleted={Boolean(question.deletedAt)} />
      </header>
      <div className="prose-ce" data-testid="question-body" dangerouslySetInnerHTML={{ __html: question.bodyHtml }} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap gap-2">
          {question.tags.map((tag) => <TagChip key={tag} name={tag} />)}
        </div>
        <AuthorCard verb="asked" at={question.createdAt} author={question.author} highlight />
      </div>
      <section>
        <h2 className="mb-3 text-lg font-semibold">{answers.items.length === 0 ? "No answers" : `Answers${answers.nextCursor ? " (first 50)" : ""}`}</h2>
        <ol className="space-y-4">
          {answers.items.map((answer) => (
            <li key={answer.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="mb-2 text-xs text-slate-500">score {answer.voteScore}{answer.accepted ? " · accepted" : ""}</p>
              <div className="prose-ce" dangerouslySetInnerHTML={{ __html: answer.bodyHtml }} />
              <div className="mt-3 flex justify-end">
                <AuthorCard verb="answered" at={answer.createdAt} author={answer.author} />
              </div>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
