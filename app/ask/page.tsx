import type { Metadata } from "next";
import { QuestionForm } from "../components/question-form";

export const metadata: Metadata = { title: "Ask a question" };

export default function AskPage() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Ask a question</h1>
      <QuestionForm />
    </section>
  );
}
