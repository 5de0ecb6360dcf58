import achievements from "../../plugins/achievements/index";
import spamGuard from "../../plugins/spam-guard/index";
import webhooks from "../../plugins/webhooks/index";
import type { PluginDefinition } from "./define-plugin";

/** Built-in plugins ship with the app (disabled until enabled with `plugins enable`). */
export const BUILTIN_PLUGINS = [spamGuard, webhooks, achievements] as unknown as PluginDefinition<unknown>[];
