"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "./api-fetch";
import { MarkdownEditor } from "./markdown-editor";
import { useMe } from "./use-me";

export function AnswerForm({ questionId, closed }: { questionId: number; closed: boolean }) {
  const { data: me, isLoading } = useMe();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const queryClient = useQueryClient();
  const router = useRouter();
  if (closed) return <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-600">This question is closed to new answers.</p>;
  if (isLoading) return null;
  if (!me) return <p className="text-sm"><Link href={`/sign-in?next=/questions/${questionId}`} className="font-medium text-blue-700 underline">Sign in</Link> to post an answer.</p>;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await apiFetch(`/api/v1/questions/${questionId}/answers`, { body: { body } });
      setBody("");
      // Answering also follows the question (lib/answers/create-answer.ts): refresh the toolbar too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["answers", questionId] }),
        queryClient.invalidateQueries({ queryKey: ["question-personal", questionId] }),
      ]);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields?.body ?? err.message) : "Could not post your answer");
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="answer-form">
      <MarkdownEditor name="body" label="Your answer" value={body} onChange={(value) => { setBody(value); setError(undefined); }} error={error} />
      <button type="submit" disabled={pending} className="rounded-md bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60">
        {pending ? "Posting…" : "Post your answer"}
      </button>
    </form>
  );
}
