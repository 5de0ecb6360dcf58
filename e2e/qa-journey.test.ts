import { mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedTestDatabase } from "@/test/helpers/migrated-test-database";
import type { TestDatabase } from "@/test/helpers/test-database";
import { startTestServer, type TestServer } from "@/test/helpers/test-server";
import { startTestWorker, type TestWorker } from "@/test/helpers/test-worker";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve(import.meta.dirname, "../test-results");
const BODY = "I keep getting a TypeError when I call map on the response. What am I missing here?";

/**
 * The one browser journey (headless Debian Chromium): two users sign up, one asks, the other
 * answers and upvotes the question, the asker upvotes and accepts the answer; the answerer's
 * profile shows +25 (10 + 15); the asker's bell counts the answer, then "mark all read" clears it.
 */
describe.skipIf(!existsSync(CHROMIUM))("browser journey", () => {
  let database: TestDatabase;
  let server: TestServer;
  let worker: TestWorker;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createMigratedTestDatabase();
    server = await startTestServer({ databaseUrl: database.url, redisPrefix: `e2e-${Date.now()}` });
    worker = await startTestWorker({ env: server.env });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.stop();
    await database?.drop();
  });

  async function signUp(page: Page, username: string) {
    await page.goto(`${server.url}/sign-up`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="email"]', `${username}@example.test`);
    await page.fill('input[name="password"]', "correct-horse-battery");
    await page.click('button[type="submit"]');
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId("me-link").waitFor();
  }

  it("ask → answer → vote → accept → reputation and bell", async () => {
    const askerContext = await browser.newContext();
    const answererContext = await browser.newContext();
    const asker = await askerContext.newPage();
    const answerer = await answererContext.newPage();
    try {
      await signUp(asker, "alice");
      await signUp(answerer, "bob");

      await asker.goto(`${server.url}/ask`);
      await asker.fill('input[name="title"]', "Why does map throw a TypeError on my response?");
      await asker.fill('textarea[name="body"]', BODY);
      await asker.fill('[data-testid="tag-input"]', "javascript");
      await asker.keyboard.press("Enter");
      await asker.click('button[type="submit"]');
      await asker.waitForURL(/\/questions\/\d+/);
      const questionUrl = asker.url();

      await answerer.goto(questionUrl);
      await answerer.fill('textarea[name="body"]', "The response is a Promise: `await response.json()` first, then call map on the array.");
      await answerer.click('[data-testid="answer-form"] button[type="submit"]');
      await answerer.getByTestId("answer-item").first().waitFor();
      // bob upvotes the question (keyboard: focus + Enter)
      const questionUpvote = answerer.locator('[data-testid^="votes-question-"] [data-testid="upvote"]');
      await questionUpvote.focus();
      await answerer.keyboard.press("Enter");
      await expect.poll(() => questionUpvote.getAttribute("aria-pressed")).toBe("true");

      // alice's bell shows the answer notification
      await asker.goto(questionUrl);
      await expect.poll(async () => (await asker.getByTestId("bell-count").textContent())?.trim(), { timeout: 20_000 }).toBe("1");

      const answer = asker.getByTestId("answer-item").first();
      await answer.getByTestId("upvote").click();
      await expect.poll(() => answer.getByTestId("vote-score").textContent()).toBe("1");
      await answer.getByTestId("accept-button").click();
      await expect.poll(() => answer.getByTestId("accept-button").getAttribute("aria-pressed")).toBe("true");

      await asker.getByTestId("bell").click();
      await asker.getByTestId("mark-all-read").click();
      await expect.poll(async () => (await asker.getByTestId("bell-count").textContent())?.trim()).toBe("0");
      await asker.keyboard.press("Escape");

      await answerer.goto(`${server.url}/users/bob`);
      await expect.poll(async () => (await answerer.getByTestId("reputation").textContent())?.trim()).toBe("26");
      await answerer.screenshot({ path: path.join(ARTIFACTS, "e2e-profile.png"), fullPage: true });
      await asker.goto(questionUrl);
      await asker.getByTestId("answer-item").first().waitFor();
      // The page is the same cached copy for everyone; the asker's own vote comes from /mine.
      await expect.poll(() => asker.getByTestId("answer-item").first().getByTestId("upvote").getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
      await asker.screenshot({ path: path.join(ARTIFACTS, "e2e-question.png"), fullPage: true });
    } finally {
      await askerContext.close();
      await answererContext.close();
    }
  });

  it("the home list's sort select navigates to the public URL, and back", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.getByTestId("question-list").waitFor();
      await page.getByTestId("sort-select").click();
      await page.getByRole("option", { name: "Most votes" }).click();
      await page.waitForURL(`${server.url}/?sort=votes`);
      await expect.poll(async () => (await page.getByTestId("sort-select").textContent())?.trim()).toContain("Most votes");
      await page.getByTestId("question-list").waitFor();
      await page.goBack();
      await page.waitForURL(`${server.url}/`);
      await expect.poll(async () => (await page.getByTestId("sort-select").textContent())?.trim()).toContain("Newest");
    } finally {
      await context.close();
    }
  });
});
