"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "./api-fetch";
import { useMe } from "./use-me";
import { VoteButtons } from "./vote-buttons";

type Personal = { myVote: -1 | 0 | 1; following: boolean; voteScore: number };

/** The question's vote buttons with the reader's own vote, plus follow/edit for signed-in users. */
export function QuestionVotes({ questionId, score }: { questionId: number; score: number }) {
  const { data: me } = useMe();
  const personal = useQuery({
    queryKey: ["question-personal", questionId, me?.id],
    queryFn: () => apiFetch<Personal>(`/api/v1/questions/${questionId}`),
    enabled: Boolean(me),
  });
  return <VoteButtons targetType="question" targetId={questionId} score={personal.data?.voteScore ?? score} myVote={personal.data?.myVote ?? 0} />;
}

export function QuestionToolbar({ questionId, authorId }: { questionId: number; authorId: string }) {
  const { data: me } = useMe();
  const personal = useQuery({
    queryKey: ["question-personal", questionId, me?.id],
    queryFn: () => apiFetch<Personal>(`/api/v1/questions/${questionId}`),
    enabled: Boolean(me),
  });
  const [following, setFollowing] = useState<boolean | null>(null);
  if (!me) return null;
  const isFollowing = following ?? personal.data?.following ?? false;
  async function toggle() {
    const next = !isFollowing;
    setFollowing(next);
    try {
      await apiFetch(`/api/v1/questions/${questionId}/follow`, { method: next ? "POST" : "DELETE", body: {} });
    } catch {
      setFollowing(!next);
    }
  }
  const canEdit = me.id === authorId || me.role !== "user";
  return (
    <div className="flex gap-3 text-sm">
      <button type="button" onClick={toggle} aria-pressed={isFollowing} className="text-blue-700" data-testid="follow-button">
        {isFollowing ? "Unfollow" : "Follow"}
      </button>
      {canEdit ? <Link href={`/questions/${questionId}/edit`} className="text-blue-700">Edit</Link> : null}
    </div>
  );
}
