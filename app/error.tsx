"use client";

/** Shown for unexpected server errors: a digest for the logs, never the error's internals. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">Please try again in a moment.</p>
      {error.digest ? <p className="mt-1 text-xs text-slate-400">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded-md border border-slate-300 px-3 py-1.5">
        Try again
      </button>
    </section>
  );
}
