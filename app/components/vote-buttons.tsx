"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch } from "./api-fetch";

type Vote = -1 | 0 | 1;

/**
 * Up/down vote with an optimistic update (rolled back on error). Real buttons with
 * aria-pressed, so they work from the keyboard and read right in screen readers.
 */
export function VoteButtons({ targetType, targetId, score, myVote }: { targetType: "question" | "answer"; targetId: number; score: number; myVote: Vote }) {
  const [state, setState] = useState({ score, myVote });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setState({ score, myVote }), [score, myVote]);

  const mutation = useMutation({
    mutationFn: (value: Vote) => apiFetch<{ voteScore: number; myVote: Vote }>("/api/v1/votes", { body: { targetType, targetId, value } }),
    onMutate: (value) => {
      const previous = state;
      setError(null);
      setState({ score: previous.score + value - previous.myVote, myVote: value });
      return previous;
    },
    onError: (err, _value, previous) => {
      if (previous) setState(previous);
      setError(err instanceof Error ? err.message : "Vote failed");
    },
    onSuccess: (result) => setState({ score: result.voteScore, myVote: result.myVote }),
  });

  const vote = (value: 1 | -1) => mutation.mutate(state.myVote === value ? 0 : value);
  const button = (pressed: boolean) =>
    `flex h-9 w-9 items-center justify-center rounded-full border text-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${pressed ? "border-orange-500 bg-orange-50 text-orange-600" : "border-slate-300 text-slate-500 hover:bg-slate-100"}`;
  return (
    <div className="flex flex-col items-center gap-1" data-testid={`votes-${targetType}-${targetId}`}>
      <button type="button" aria-label="Upvote" aria-pressed={state.myVote === 1} className={button(state.myVote === 1)} onClick={() => vote(1)} data-testid="upvote">▲</button>
      <span className="text-lg font-semibold" data-testid="vote-score" aria-live="polite">{state.score}</span>
      <button type="button" aria-label="Downvote" aria-pressed={state.myVote === -1} className={button(state.myVote === -1)} onClick={() => vote(-1)} data-testid="downvote">▼</button>
      {error ? <p role="alert" className="max-w-24 text-center text-xs text-red-600">{error}</p> : null}
    </div>
  );
}
