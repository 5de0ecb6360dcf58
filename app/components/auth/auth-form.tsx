"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";

type Mode = "sign-in" | "sign-up";

/** Sign-in / sign-up form posting to Better-Auth's email endpoints (API.md). */
export function AuthForm({ mode, next = "/" }: { mode: Mode; next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const login = String(form.get("login") ?? "");
    const body =
      mode === "sign-up"
        ? {
            email: form.get("email"),
            username: form.get("username"),
            name: form.get("name") || form.get("username"),
            password: form.get("password"),
          }
        : { ...(login.includes("@") ? { email: login } : { username: login }), password: form.get("password") };
    const response = await fetch(`/api/auth/${mode}/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      window.location.href = safeNext(next);
      return;
    }
    const payload = (await response.json().catch(() => null)) as { message?: string } | null;
    setError(payload?.message ?? "Something went wrong. Please try again.");
    setPending(false);
  }

  const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form onSubmit={onSubmit} className="mx-auto mt-8 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{mode === "sign-up" ? "Create your account" : "Sign in"}</h1>
      {mode === "sign-up" ? (
        <>
          <label className="block text-sm font-medium">
            Username
            <input name="username" required minLength={3} maxLength={30} pattern="[A-Za-z0-9_]{3,30}" autoComplete="username" className={input} />
          </label>
          <label className="block text-sm font-medium">
            Display name <span className="font-normal text-slate-500">(optional)</span>
            <input name="name" maxLength={80} autoComplete="name" className={input} />
          </label>
          <label className="block text-sm font-medium">
            Email
            <input name="email" type="email" required autoComplete="email" className={input} />
          </label>
        </>
      ) : (
        <label className="block text-sm font-medium">
          Email or username
          <input name="login" required autoComplete="username" className={input} />
        </label>
      )}
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          className={input}
        />
      </label>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-blue-600 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60">
        {pending ? "Please wait…" : mode === "sign-up" ? "Sign up" : "Sign in"}
      </button>
      <p className="text-center text-sm text-slate-600">
        {mode === "sign-up" ? (
          <>Already have an account? <Link href="/sign-in" className="text-blue-700 underline">Sign in</Link></>
        ) : (
          <>New here? <Link href="/sign-up" className="text-blue-700 underline">Create an account</Link></>
        )}
      </p>
    </form>
  );
}

/** Only same-site paths: an open redirect would let a link bounce users anywhere. */
function safeNext(next: string): string {
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
