import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getQuestion } from "@/lib/questions/get-question";
import { QuestionForm } from "../../../components/question-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit question" };

export default async function EditQuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const question = await getQuestion({ db: getDb(), id: Number(raw) }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Edit question</h1>
      <QuestionForm initial={{ id: question.id, authorId: question.author.id, title: question.title, body: question.body, tags: question.tags }} />
    </section>
  );
}
