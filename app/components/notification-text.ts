import type { NotificationItem } from "@/lib/notifications/list-notifications";

/** Shared by the bell and /notifications: one sentence per notification, and where it points. */
export type NotificationView = NotificationItem;

export function notificationText(item: NotificationView): string {
  const who = item.actor?.username ?? "Someone";
  const title = item.questionTitle ? `“${item.questionTitle}”` : "a question";
  switch (item.type) {
    case "answer":
      return `${who} answered your question ${title}`;
    case "mention":
      return `${who} mentioned you in ${title}`;
    case "followed_activity":
      return `${who} answered ${title}, which you follow`;
    case "accepted":
      return `${who} accepted your answer on ${title}`;
    case "badge":
      return "You earned a badge";
    default:
      return `New activity on ${title}`;
  }
}

export function notificationHref(item: NotificationView): string {
  if (item.questionId === null) return "/notifications";
  return item.answerId !== null ? `/questions/${item.questionId}#answer-${item.answerId}` : `/questions/${item.questionId}`;
}
