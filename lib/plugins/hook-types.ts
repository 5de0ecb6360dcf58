import type { EventPayload, EventType } from "../events/event-types";

/** Filter hooks run inline before a write and may transform or reject its input. */
export type FilterPayloads = {
  "question.beforeCreate": { title: string; body: string; tags: string[]; author: HookActor };
  "question.beforeUpdate": { questionId: number; title?: string; body?: string; tags?: string[]; author: HookActor };
  "answer.beforeCreate": { questionId: number; body: string; author: HookActor };
  "user.beforeRegister": { email: string; username: string; name: string };
};

export type HookActor = { id: string; username: string; role: string; createdAt: Date; reputation: number };

export type FilterHookName = keyof FilterPayloads;
/** Action hooks run after commit, in the worker, with retries: the domain events. */
export type ActionHookName = EventType;

export const FILTER_HOOK_NAMES: readonly FilterHookName[] = [
  "question.beforeCreate",
  "question.beforeUpdate",
  "answer.beforeCreate",
  "user.beforeRegister",
];
export const ACTION_HOOK_NAMES: readonly ActionHookName[] = [
  "question.created",
  "answer.created",
  "answer.accepted",
  "vote.cast",
  "user.registered",
  "notification.created",
];

/** Renamed hooks keep working for a while; plugins using them are named at load (NodeBB-style). */
export const DEPRECATED_HOOKS: Record<string, { new: string; since: string; until: string }> = {};

export type ActionPayload<H extends ActionHookName> = EventPayload<H> & { eventId: string };
