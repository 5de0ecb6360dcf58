"use client";

import { useQuery } from "@tanstack/react-query";

export type Me = { id: string; username: string; role: "user" | "moderator" | "admin"; reputation: number } | null;

/** The signed-in user (null when anonymous), shared by every client component. */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async (): Promise<Me> => {
      const response = await fetch("/api/v1/me", { cache: "no-store" });
      if (!response.ok) return null;
      const body = (await response.json()) as { user: Me };
      return body.user;
    },
    staleTime: 60_000,
  });
}
