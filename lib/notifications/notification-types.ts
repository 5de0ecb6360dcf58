/** What a notification is about (API.md). `badge` is written by the achievements plugin. */
export const NOTIFICATION_TYPES = ["answer", "mention", "followed_activity", "accepted", "badge"] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export type Recipient = { userId: string; type: NotificationType };

/** At most this many @mentions in one post notify anyone (the rest are plain text). */
export const MAX_MENTIONS = 20;

/** When one user qualifies several ways for the same event, the first of these wins. */
export const RECIPIENT_PRECEDENCE: readonly NotificationType[] = ["mention", "answer", "followed_activity", "accepted", "badge"];
