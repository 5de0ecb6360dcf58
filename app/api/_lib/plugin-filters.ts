import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { FilterHookName, FilterPayloads, HookActor } from "@/lib/plugins/hook-types";
import { getPluginHost } from "@/lib/plugins/get-plugin-host";
import { parseInput } from "@/lib/questions/parse-input";
import { createAnswerInput, createQuestionInput, updateQuestionInput } from "@/lib/questions/question-input";

async function hookActor(actor: Actor): Promise<HookActor> {
  const user = await getDb().user.findUnique({ where: { id: actor.id }, select: { createdAt: true, reputation: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  return { id: actor.id, username: actor.username, role: actor.role, createdAt: user.createdAt, reputation: user.reputation };
}

async function run<H extends FilterHookName>(hook: H, payload: FilterPayloads[H]): Promise<FilterPayloads[H]> {
  return getPluginHost().runFilter(hook, payload);
}

/**
 * Filter hooks run on validated input before the write (a rejection is 422 and nothing is
 * written); what they return is what gets written (the domain function validates it again).
 */
export async function filterNewQuestion(actor: Actor, body: unknown) {
  const input = parseInput(createQuestionInput, body);
  const { title, body: text, tags } = await run("question.beforeCreate", { ...input, author: await hookActor(actor) });
  return { title, body: text, tags };
}

export async function filterQuestionEdit(actor: Actor, questionId: number, body: unknown) {
  const input = parseInput(updateQuestionInput, body);
  const { title, body: text, tags } = await run("question.beforeUpdate", { ...input, questionId, author: await hookActor(actor) });
  return { title, body: text, tags };
}

export async function filterNewAnswer(actor: Actor, questionId: number, body: unknown) {
  const input = parseInput(createAnswerInput, body);
  const { body: text } = await run("answer.beforeCreate", { ...input, questionId, author: await hookActor(actor) });
  return { body: text };
}
