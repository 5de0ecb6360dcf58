import { confirm, isCancel } from "@clack/prompts";
import type { Command } from "commander";
import { getConfig } from "../../lib/config";
import { AppError } from "../../lib/errors/app-error";
import { invalidate } from "../../lib/cache/cached";
import { questionWriteKeys } from "../../lib/cache/cache-keys";
import { invalidateUnreadCounts } from "../../lib/notifications/unread-count-cache";
import { createRedis } from "../../lib/redis";
import { banUser } from "../../lib/users/ban-user";
import { getUserDetails, type UserDetails } from "../../lib/users/get-user-details";
import { listUsers, type UserListPage } from "../../lib/users/list-users";
import { purgeUser, type PurgeSummary } from "../../lib/users/purge-user";
import { resetUserPassword } from "../../lib/users/reset-user-password";
import { setUserRole } from "../../lib/users/set-user-role";
import { unbanUser } from "../../lib/users/unban-user";
import { withCliDb } from "../cli-db";
import { formatTable } from "../format-table";
import { parseDateOrDuration } from "../parse-date-or-duration";

/** `community-engine users …`: administer accounts from the terminal (API.md). Exit 3 = no such user. */
export function registerUsersCommand(program: Command): void {
  const users = program.command("users").description("List, inspect, promote, ban and clean up users");

  users
    .command("list")
    .description("List users, newest first")
    .option("--role <role>", "only this role: admin, moderator or user")
    .option("--search <text>", "username, email or name contains")
    .option("--banned", "only users whose ban is in force")
    .option("--page <n>", "page number (from 1)", positiveInt("--page"), 1)
    .option("--limit <n>", "users per page (max 500)", positiveInt("--limit"), 50)
    .option("--json", "print JSON")
    .action(async (options: { role?: string; search?: string; banned?: boolean; page: number; limit: number; json?: boolean }) => {
      const page = await withCliDb((db) => listUsers({ db, ...options }));
      if (options.json) return print(JSON.stringify(page, null, 2));
      printUserList(page);
    });

  users
    .command("show <user>")
    .description("Show a user's profile, reputation, activity and ban state (username or email)")
    .option("--json", "print JSON")
    .action(async (login: string, options: { json?: boolean }) => {
      const details = await withCliDb((db) => getUserDetails({ db, login }));
      print(options.json ? JSON.stringify(details, null, 2) : formatDetails(details));
    });

  users
    .command("set-role <user> <role>")
    .description("Change a user's role: admin, moderator or user")
    .action(async (login: string, role: string) => {
      const result = await withCliDb((db) => setUserRole({ db, operator: "cli", login, role }));
      print(`✓ ${result.username}: ${result.previousRole} → ${result.role}`);
    });

  users
    .command("ban <user>")
    .description("Ban a user and end their sessions at once")
    .option("--reason <text>", "shown to admins in the audit log and user list")
    .option("--until <date>", "end of the ban: a date (2030-01-31) or a duration (12h, 7d, 2w); default: until unbanned")
    .action(async (login: string, options: { reason?: string; until?: string }) => {
      const until = options.until ? parseDateOrDuration(options.until, "--until") : null;
      const result = await withCliDb((db) => banUser({ db, operator: "cli", login, reason: options.reason, until }));
      const end = result.banExpires ? `until ${result.banExpires.toISOString()}` : "until unbanned";
      print(`✓ banned ${result.username} ${end}; ended ${result.sessionsEnded} session(s)`);
    });

  users
    .command("unban <user>")
    .description("Lift a user's ban")
    .action(async (login: string) => {
      const result = await withCliDb((db) => unbanUser({ db, operator: "cli", login }));
      print(result.wasBanned ? `✓ unbanned ${result.username}` : `✓ ${result.username} was not banned`);
    });

  users
    .command("reset-password <user>")
    .description("Set a new random password (printed once) and sign the user out everywhere")
    .action(async (login: string) => {
      const result = await withCliDb((db) => resetUserPassword({ db, operator: "cli", login }));
      print(`✓ new password for ${result.username} (shown once; ended ${result.sessionsEnded} session(s)):`);
      print(result.password);
    });

  users
    .command("purge <user>")
    .description("Delete a spammer's questions, answers and votes and undo their effects (one transaction)")
    .option("--dry-run", "print what would be removed and change nothing")
    .option("--yes", "do not ask for confirmation")
    .action(async (login: string, options: { dryRun?: boolean; yes?: boolean }) => {
      await withCliDb(async (db) => {
        const prompt = !options.dryRun && !options.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
        if (options.dryRun || prompt) {
          const plan = await purgeUser({ db, operator: "cli", login, dryRun: true });
          print(formatPurge(plan, true));
          if (options.dryRun) return;
          const answer = await confirm({ message: `Purge ${plan.username}? This cannot be undone.`, initialValue: false });
          if (isCancel(answer) || !answer) throw new AppError("VALIDATION_FAILED", "Purge cancelled; nothing changed");
        }
        const done = await purgeUser({ db, operator: "cli", login, dryRun: false });
        await dropCaches(done.notifiedUserIds);
        print(formatPurge(done, false));
      });
    });
}

/**
 * Best effort, after the purge committed: drop the Redis copies it made stale (the bell's unread
 * counts, cached tag and question lists). A down Redis only means they expire on their own.
 */
async function dropCaches(userIds: string[]): Promise<void> {
  const config = getConfig();
  const redis = createRedis({ url: config.REDIS_URL, role: "producer", lazy: true });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await invalidateUnreadCounts({ redis, userIds, redisPrefix: config.REDIS_PREFIX });
    await invalidate({ redis, keys: questionWriteKeys() });
  } catch {
    // Redis down: cached values expire within minutes.
  } finally {
    redis.disconnect();
  }
}

function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new AppError("VALIDATION_FAILED", `${flag} must be a positive whole number`);
    return n;
  };
}

function banState(user: { banned: boolean; banExpires: Date | null }): string {
  if (!user.banned) return "active";
  if (!user.banExpires) return "banned";
  return user.banExpires.getTime() > Date.now() ? `banned until ${user.banExpires.toISOString().slice(0, 16)}Z` : "active";
}

function printUserList(page: UserListPage): void {
  if (process.stdout.isTTY) {
    const rows = page.items.map((u) => [u.username, u.email, u.role, String(u.reputation), banState(u), u.createdAt.toISOString().slice(0, 10)]);
    process.stdout.write(formatTable(["USERNAME", "EMAIL", "ROLE", "REP", "STATUS", "JOINED"], rows));
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    print(`${page.total} user(s) · page ${page.page}/${pages}`);
    return;
  }
  // Plain tab-separated lines for scripts: username, email, role, reputation, status.
  for (const u of page.items) print([u.username, u.email, u.role, u.reputation, banState(u)].join("\t"));
}

function formatDetails(user: UserDetails): string {
  const ban = user.ban.active
    ? `banned${user.ban.expires ? ` until ${user.ban.expires.toISOString()}` : ""}${user.ban.reason ? ` (${user.ban.reason})` : ""}`
    : "not banned";
  const rows: Array<[string, string]> = [
    ["username", user.username],
    ["name", user.name],
    ["email", user.email],
    ["id", user.id],
    ["role", user.role],
    ["reputation", String(user.reputation)],
    ["questions", String(user.questionCount)],
    ["answers", String(user.answerCount)],
    ["votes cast", String(user.voteCount)],
    ["joined", user.createdAt.toISOString()],
    ["last seen", user.lastSeenAt?.toISOString() ?? "never"],
    ["sessions", `${user.activeSessions} active`],
    ["ban", ban],
  ];
  return rows.map(([key, value]) => `${`${key}:`.padEnd(12)} ${value}`).join("\n");
}

function formatPurge(summary: PurgeSummary, plan: boolean): string {
  const verb = plan ? "would remove" : "removed";
  const head = plan ? `Purge plan for ${summary.username}:` : `✓ purged ${summary.username}:`;
  return [
    head,
    `  ${verb} ${summary.questions} question(s) (with ${summary.otherAnswers} answer(s) by others on them)`,
    `  ${verb} ${summary.answers} answer(s), ${summary.acceptsUndone} of them accepted`,
    `  ${verb} ${summary.votesCast} vote(s) they cast and ${summary.votesOnTheirPosts} vote(s) on the removed posts`,
    `  ${plan ? "would reverse" : "reversed"} ${summary.reputationEventsReversed} reputation event(s) affecting ${summary.usersAffected} user(s)`,
    `  ${verb} ${summary.notificationsRemoved} notification(s) their posts caused`,
  ].join("\n");
}
