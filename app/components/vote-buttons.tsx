"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiError, apiFetch } from "./api-fetch";

type Vote = -1 | 0 | 1;
type Problem = { message: string; signIn: boolean };

/**
 * Up/down vote with an optimistic update (rolled back on error). Real buttons with
 * aria-pressed, so they work from the keyboard and read right in screen readers. The column
 * has a fixed width and the error floats over the page, so a refusal doesn't shift the post.
 */
export function VoteButtons({ targetType, targetId, score, myVote }: { targetType: "question" | "answer"; targetId: number; score: number; myVote: Vote }) {
  const [state, setState] = useState({ score, myVote });
  const [problem, setProblem] = useState<Problem | null>(null);
  const pathname = usePathname();
  useEffect(() => setState({ score, myVote }), [score, myVote]);
  useEffect(() => {
    if (!problem) return;
    const timer = setTimeout(() => setProblem(null), 8000);
    return () => clearTimeout(timer);
  }, [problem]);

  const mutation = useMutation({
    mutationFn: (value: Vote) => apiFetch<{ voteScore: number; myVote: Vote }>("/api/v1/votes", { body: { targetType, targetId, value } }),
    onMutate: (value) => {
      const previous = state;
      setProblem(null);
      setState({ score: previous.score + value - previous.myVote, myVote: value });
      return previous;
    },
    onError: (err, _value, previous) => {
      if (previous) setState(previous);
      const signIn = err instanceof ApiError && err.status === 401;
      setProblem({ message: err instanceof Error ? err.message : "Vote failed", signIn });
    },
    onSuccess: (result) => setState({ score: result.voteScore, myVote: result.myVote }),
  });

  const vote = (value: 1 | -1) => mutation.mutate(state.myVote === value ? 0 : value);
  const button = (pressed: boolean) =>
    `flex h-9 w-9 items-center justify-center rounded-full border text-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${pressed ? "border-orange-500 bg-orange-50 text-orange-600" : "border-slate-300 bg-white text-slate-500 hover:bg-slate-100"}`;
  return (
    <div className="relative flex w-12 shrink-0 flex-col items-center gap-1 self-start" data-testid={`votes-${targetType}-${targetId}`}>
      <button type="button" aria-label="Upvote" aria-pressed={state.myVote === 1} className={button(state.myVote === 1)} onClick={() => vote(1)} data-testid="upvote">▲</button>
      <span className="text-lg font-semibold" data-testid="vote-score" aria-live="polite">{state.score}</span>
      <button type="button" aria-label="Downvote" aria-pressed={state.myVote === -1} className={button(state.myVote === -1)} onClick={() => vote(-1)} data-testid="downvote">▼</button>
      {problem ? (
        <div role="alert" className="absolute left-0 top-full z-10 mt-1 w-52 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-700 shadow-sm" data-testid="vote-error">
          {problem.signIn ? (
            <><Link href={`/sign-in?next=${encodeURIComponent(pathname)}`} className="font-medium underline">Sign in</Link> to vote.</>
          ) : (
            problem.message
          )}
          <button type="button" onClick={() => setProblem(null)} aria-label="Dismiss" className="float-right ml-2 text-red-400 hover:text-red-700">×</button>
        </div>
      ) : null}
    </div>
  );
}
