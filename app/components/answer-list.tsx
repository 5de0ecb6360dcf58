"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { Answer } from "@/lib/questions/types";
import { apiFetch } from "./api-fetch";
import { AcceptButton } from "./accept-button";
import { AuthorCard } from "./author-card";
import { ModerationMenu } from "./moderation-menu";
import { useMe } from "./use-me";
import { useReaderState } from "./use-reader-state";
import { VoteButtons } from "./vote-buttons";

type Page = { items: Answer[]; nextCursor: string | null };

/**
 * Answers with infinite scrolling (React Query). The first page comes server-rendered (the same
 * cached copy for everyone); a signed-in reader's own votes come from useReaderState, and later
 * pages carry them. An IntersectionObserver loads more, with a button as the fallback.
 */
export function AnswerList({ questionId, questionAuthorId, firstPage }: { questionId: number; questionAuthorId: string; firstPage: Page }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const reader = useReaderState(questionId);
  const query = useInfiniteQuery({
    queryKey: ["answers", questionId, me?.id ?? "anonymous"],
    queryFn: ({ pageParam }) =>
      apiFetch<Page>(`/api/v1/questions/${questionId}/answers?limit=10${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: "" as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [firstPage], pageParams: [""] },
  });
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "400px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const answers = query.data?.pages.flatMap((page) => page.items) ?? [];
  const isAsker = me?.id === questionAuthorId;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["answers", questionId] });
  return (
    <div>
      <ol className="space-y-4" data-testid="answer-list">
        {answers.map((answer) => (
          <li key={answer.id} id={`answer-${answer.id}`} data-testid="answer-item" data-accepted={answer.accepted} className={`flex gap-3 rounded-lg border bg-white p-4 sm:gap-4 ${answer.accepted ? "border-green-500" : "border-slate-200"}`}>
            <div className="flex flex-col items-center gap-2">
              <VoteButtons targetType="answer" targetId={answer.id} score={answer.voteScore} myVote={reader?.answerVotes[answer.id] ?? answer.myVote} />
              {isAsker ? (
                <AcceptButton answerId={answer.id} accepted={answer.accepted} onDone={refresh} />
              ) : answer.accepted ? (
                <span className="text-2xl text-green-600" title="Accepted answer" aria-label="Accepted answer" data-testid="accepted-mark">✓</span>
              ) : null}
            </div>
            <div className="min-w-0 flex-1">
              {answer.accepted ? <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-green-700">Accepted answer</p> : null}
              <div className="prose-ce" dangerouslySetInnerHTML={{ __html: answer.bodyHtml }} />
              <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
                {/* Lists never include deleted answers, so the menu only offers Delete here. */}
                <ModerationMenu target="answer" id={answer.id} deleted={false} />
                <div className="ml-auto">
                  <AuthorCard verb="answered" at={answer.createdAt} author={answer.author} />
                </div>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <div ref={sentinel} />
      {hasNextPage ? (
        <button type="button" onClick={() => fetchNextPage()} disabled={isFetchingNextPage} className="mt-4 w-full rounded-md border border-slate-300 py-2 text-sm" data-testid="load-more">
          {isFetchingNextPage ? "Loading…" : "Load more answers"}
        </button>
      ) : null}
    </div>
  );
}
