"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMe } from "./use-me";

/**
 * On a question's 404, moderators and admins get a link to the staff view, where a deleted
 * question can be reviewed and undeleted. The 404 itself is cached and the same for everyone,
 * so the role check happens here, on the client (the staff page checks it again).
 */
export function StaffReviewLink() {
  const { data: me } = useMe();
  const id = /^\/questions\/(\d{1,9})(?:\/|$)/.exec(usePathname() ?? "")?.[1];
  if (!id || !me || (me.role !== "moderator" && me.role !== "admin")) return null;
  return (
    <p className="mt-6 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="staff-review-link">
      Moderators: if question #{id} was deleted, you can{" "}
      <Link href={`/admin/questions/${id}`} className="font-medium underline">review or undelete it</Link>.
    </p>
  );
}
