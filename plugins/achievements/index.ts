import { z } from "zod";
import { definePlugin, type PluginContext } from "../../lib/plugins/define-plugin";
import { ACTION_HOOK_NAMES, type ActionHookName, type ActionPayload } from "../../lib/plugins/hook-types";
import { awardBadge } from "./award-badge";
import { badgeRules } from "./badge-rules";

const configSchema = z.object({
  /** Badges not to award (by name). */
  disabledBadges: z.array(z.string()).default([]),
});
type Config = z.infer<typeof configSchema>;

async function evaluate(hook: ActionHookName, payload: ActionPayload<ActionHookName>, context: PluginContext<Config>) {
  for (const rule of badgeRules()) {
    if (!rule.on.includes(hook) || context.config.disabledBadges.includes(rule.badge)) continue;
    for (const userId of await rule.qualifies(payload, context.db)) {
      if (await awardBadge({ db: context.db, userId, badge: rule.badge, sourceKey: `${hook}:${payload.eventId}` })) {
        context.logger.info({ userId, badge: rule.badge, eventId: payload.eventId }, "badge awarded");
      }
    }
  }
}

const actions = Object.fromEntries(
  ACTION_HOOK_NAMES.filter((hook) => hook !== "notification.created").map((hook) => [
    hook,
    { run: (payload: ActionPayload<typeof hook>, context: PluginContext<Config>) => evaluate(hook, payload, context) },
  ]),
);

export default definePlugin({
  name: "achievements",
  version: "1.0.0",
  description: "Awards badges (First Question, First Answer, Accepted, Nice Answer, Enthusiast, Teacher) once each, with a notification",
  engines: ">=0.1.0 <1.0.0",
  configSchema,
  hooks: { actions },
});
