import http, { type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";

export type Interceptor = {
  /** Cheap and synchronous: whether `handle` should see this request at all. */
  matches(req: IncomingMessage): boolean;
  /** Answers and returns true, or returns false (having written nothing) to pass it to Next. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
};

/**
 * Puts request handlers in front of Next's standalone server without replacing it. Called from
 * the preload, before server.js runs: Next then calls `http.createServer(listener)` once, and
 * that call gets a listener that offers each request to the interceptors first (the patch undoes
 * itself after it). Requests no interceptor matches go straight to Next's listener, untouched.
 */
export function interceptNextServer(interceptors: Interceptor[]): void {
  const original = http.createServer;
  const patched = function (this: unknown, ...args: unknown[]) {
    http.createServer = original;
    const index = args.findIndex((arg) => typeof arg === "function");
    if (index >= 0) args[index] = withInterceptors(args[index] as RequestListener, interceptors);
    return (original as (...a: unknown[]) => http.Server).apply(this, args);
  };
  http.createServer = patched as typeof http.createServer;
}

function withInterceptors(next: RequestListener, interceptors: Interceptor[]): RequestListener {
  return (req, res) => {
    const interceptor = interceptors.find((candidate) => candidate.matches(req));
    if (!interceptor) return next(req, res);
    interceptor.handle(req, res).then(
      (handled) => {
        if (!handled) next(req, res);
      },
      () => {
        if (!res.headersSent) next(req, res);
      },
    );
  };
}
