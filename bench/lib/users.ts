export type BenchUser = { id: string; username: string; cookie: string; etag: string };

/**
 * Signs `count` users up through the real endpoint (POST /api/auth/sign-up/email, which signs
 * them in), keeps each one's session cookie, and reads each one's bell once for its ETag.
 */
export async function signUpUsers(options: { url: string; count: number; run: string }): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let i = 0; i < options.count; i++) {
    const username = `bench_${options.run}_${i}`;
    const response = await fetch(`${options.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: options.url },
      body: JSON.stringify({ email: `${username}@bench.invalid`, password: "bench-password-1", name: username, username }),
    });
    if (response.status !== 200) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
    const { user } = (await response.json()) as { user: { id: string } };
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0].trim())
      .filter((pair) => !pair.endsWith("="))
      .join("; ");
    if (!cookie.includes("session_token")) throw new Error("sign-up set no session cookie");
    const bell = await fetch(`${options.url}/api/v1/notifications/unread-count`, { headers: { cookie } });
    if (bell.status !== 200) throw new Error(`unread-count answered ${bell.status}: ${await bell.text()}`);
    const etag = bell.headers.get("etag");
    if (!etag) throw new Error("unread-count sent no ETag");
    users.push({ id: user.id, username, cookie, etag });
  }
  return users;
}
