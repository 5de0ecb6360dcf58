import Link from "next/link";
import { notFound } from "next/navigation";
import { unstable_cache } from "next/cache";
import { listAnswers } from "@/lib/answers/list-answers";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getQuestion } from "@/lib/questions/get-question";
import { AnswerForm } from "../../../components/answer-form";
import { AnswerList } from "../../../components/answer-list";
import { ModerationMenu } from "../../../components/moderation-menu";
import { QuestionToolbar, QuestionVotes } from "../../../components/question-actions";
import { TagChip } from "../../../components/tag-chip";
import { AuthorCard } from "../../../components/author-card";

// Incremental static regeneration: the HTML is the same for every reader (personal bits load
// on the client), so Next serves it from its full route cache; writes revalidate it through the
// same tags as the data (app/api/_lib/write-guards.ts). Pages render on first visit, none at build.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams(): Array<{ id: string }> {
  return [];
}

/** The public view of a question page, cached per question and revalidated by writes. */
function loadQuestionPage(id: number) {
  return unstable_cache(
    async () => {
      const [question, answers] = await Promise.all([
        getQuestion({ db: getDb(), id }),
        listAnswers({ db: getDb(), questionId: id, limit: 10 }),
      ]);
      return { question, answers };
    },
    ["question-page", String(id)],
    { tags: [`question:${id}`, "questions"], revalidate: 60 },
  )();
}

async function load(rawId: string) {
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id)) notFound();
  try {
    return await loadQuestionPage(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { question } = await load((await params).id);
  return { title: question.title };
}

export default async function QuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const { question, answers } = await load((await params).id);
  const createdAt = new Date(question.createdAt);
  const activeAt = new Date(question.lastActivityAt);
  return (
    <article className="space-y-6">
      <header className="border-b border-slate-200 pb-4">
        <h1 className="text-2xl font-semibold" data-testid="question-title">{question.title}</h1>
        <p className="mt-1 text-sm text-slate-500">
          Asked <time dateTime={createdAt.toISOString()}>{createdAt.toISOString().slice(0, 10)}</time> by{" "}
          <Link href={`/users/${encodeURIComponent(question.author.username)}`} className="text-blue-700">{question.author.username}</Link>
          {" · "}Active <time dateTime={activeAt.toISOString()}>{activeAt.toISOString().slice(0, 10)}</time>
          {question.closedAt ? <span className="ml-2 rounded bg-amber-100 px-2 text-amber-900">closed{question.closedReason ? `: ${question.closedReason}` : ""}</span> : null}
          {question.lockedAt ? <span className="ml-2 rounded bg-slate-200 px-2">locked</span> : null}
        </p>
      </header>
      <section className="flex gap-4">
        <QuestionVotes questionId={question.id} score={question.voteScore} />
        <div className="min-w-0 flex-1">
          <div className="prose-ce" data-testid="question-body" dangerouslySetInnerHTML={{ __html: question.bodyHtml }} />
          <div className="mt-4 flex flex-wrap gap-2">
            {question.tags.map((tag) => <TagChip key={tag} name={tag} />)}
          </div>
          <div className="mt-4 flex flex-wrap items-end justify-between gap-3">
            <div className="flex items-center gap-3">
              <QuestionToolbar questionId={question.id} authorId={question.author.id} />
              <ModerationMenu target="question" id={question.id} closed={Boolean(question.closedAt)} locked={Boolean(question.lockedAt)} deleted={Boolean(question.deletedAt)} />
            </div>
            <AuthorCard verb="asked" at={question.createdAt} author={question.author} highlight />
          </div>
        </div>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold" data-testid="answer-count">
          {question.answerCount === 0 ? "No answers yet" : `${question.answerCount} ${question.answerCount === 1 ? "Answer" : "Answers"}`}
        </h2>
        <AnswerList questionId={question.id} questionAuthorId={question.author.id} firstPage={answers} />
      </section>
      <section className="border-t border-slate-200 pt-4">
        <AnswerForm questionId={question.id} closed={Boolean(question.closedAt || question.lockedAt)} />
      </section>
    </article>
  );
}
