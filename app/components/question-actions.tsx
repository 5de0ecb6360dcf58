"use client";

import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "./api-fetch";
import { useMe } from "./use-me";
import { useReaderState } from "./use-reader-state";
import { VoteButtons } from "./vote-buttons";

/** The question's vote buttons with the reader's own vote, plus follow/edit for signed-in users. */
export function QuestionVotes({ questionId, score }: { questionId: number; score: number }) {
  const reader = useReaderState(questionId);
  return <VoteButtons targetType="question" targetId={questionId} score={reader?.voteScore ?? score} myVote={reader?.myVote ?? 0} />;
}

export function QuestionToolbar({ questionId, authorId }: { questionId: number; authorId: string }) {
  const { data: me } = useMe();
  const reader = useReaderState(questionId);
  const [following, setFollowing] = useState<boolean | null>(null);
  if (!me) return null;
  const isFollowing = following ?? reader?.following ?? false;
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
