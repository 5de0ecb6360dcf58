"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReaderState } from "@/lib/questions/get-reader-state";
import { apiFetch } from "./api-fetch";
import { useMe } from "./use-me";

/**
 * The signed-in reader's votes and follow state on a question page (one request for the whole
 * page; the HTML is the same cached copy everyone gets). Undefined while loading or signed out.
 */
export function useReaderState(questionId: number): ReaderState | undefined {
  const { data: me } = useMe();
  const query = useQuery({
    queryKey: ["reader-state", questionId, me?.id],
    queryFn: () => apiFetch<ReaderState>(`/api/v1/questions/${questionId}/mine`),
    enabled: Boolean(me),
  });
  return me ? query.data : undefined;
}
