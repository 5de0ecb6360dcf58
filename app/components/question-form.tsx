"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "./api-fetch";
import { MarkdownEditor } from "./markdown-editor";
import { TagInput } from "./tag-input";
import { useMe } from "./use-me";

type Initial = { id?: number; authorId?: string; title: string; body: string; tags: string[] };

/** Ask (POST) or edit (PATCH) a question, with per-field errors from the API. */
export function QuestionForm({ initial }: { initial?: Initial }) {
  const { data: me, isLoading } = useMe();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [tags, setTags] = useState<string[]>(initial?.tags ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  if (isLoading) return null;
  const editing = initial?.id !== undefined;
  const here = editing ? `/questions/${initial!.id}/edit` : "/ask";
  if (!me) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-5">
        <Link href={`/sign-in?next=${encodeURIComponent(here)}`} className="font-medium text-blue-700 underline">Sign in</Link>{" "}
        {editing ? "to edit this question." : "to ask a question."} No account?{" "}
        <Link href="/sign-up" className="text-blue-700 underline">Sign up</Link>.
      </p>
    );
  }
  // The API decides (403 otherwise); this only spares people a form they can't submit.
  if (editing && initial?.authorId && me.id !== initial.authorId && me.role === "user") {
    return <p className="rounded-lg border border-slate-200 bg-white p-5 text-slate-600">Only the author or a moderator can edit this question.</p>;
  }
  const clear = (field: string) => setErrors((current) => (current[field] || current._ ? { ...current, [field]: "", _: "" } : current));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const result = await apiFetch<{ id: number }>(editing ? `/api/v1/questions/${initial!.id}` : "/api/v1/questions", {
        method: editing ? "PATCH" : "POST",
        body: { title, body, tags },
      });
      window.location.href = `/questions/${result.id}`;
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...(err.fields ?? {}), _: err.fields ? "" : err.message } : { _: "Something went wrong" });
      setPending(false);
    }
  }
  const tagError = Object.entries(errors).find(([key]) => key.startsWith("tags"))?.[1];
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="question-form">
      <label className="block text-sm font-medium">
        Title
        <input name="title" value={title} onChange={(e) => { setTitle(e.target.value); clear("title"); }} maxLength={150} aria-invalid={Boolean(errors.title)} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" placeholder="What's your question? Be specific." />
        {errors.title ? <span className="mt-1 block text-sm text-red-600">{errors.title}</span> : null}
      </label>
      <MarkdownEditor name="body" label="Body" value={body} onChange={(value) => { setBody(value); clear("body"); }} error={errors.body} rows={12} />
      <TagInput tags={tags} onChange={(next) => { setTags(next); setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith("tags")))); }} error={tagError} />
      {errors._ ? <p role="alert" className="text-sm text-red-600">{errors._}</p> : null}
      <button type="submit" disabled={pending} className="rounded-md bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60">
        {pending ? "Saving…" : editing ? "Save edits" : "Post your question"}
      </button>
      {editing ? <Link href={`/questions/${initial!.id}`} className="ml-4 text-sm text-slate-600 hover:text-slate-900">Cancel</Link> : null}
    </form>
  );
}
