import type { Logger } from "../lib/logger";
import type { WorkerService } from "./service";

export type RunServicesOptions = {
  services: WorkerService[];
  logger: Logger;
  /** Releases what the services share (Redis, Postgres) after they all stopped. */
  close?: () => Promise<void>;
  exit?: (code: number) => void;
};

/**
 * Starts the services in order and keeps the process alive until SIGTERM/SIGINT; then stops
 * them in reverse order (each drains its in-flight jobs) and exits 0. A second signal exits at
 * once (1); a failed start or an unexpected error is logged and exits 1.
 */
export async function runServices(options: RunServicesOptions): Promise<void> {
  const { services, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const started: WorkerService[] = [];
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  async function shutdown(code: number): Promise<void> {
    // A service still starting gets stopped too, once its start settles.
    await starting?.catch(() => undefined);
    for (const service of [...started].reverse()) {
      try {
        await service.stop();
        logger.debug({ service: service.name }, "service stopped");
      } catch (error) {
        code = 1;
        logger.error({ err: error, service: service.name }, "service failed to stop cleanly");
      }
    }
    await options.close?.().catch((error: unknown) => logger.warn({ err: error }, "closing connections failed"));
    logger.info({ code }, "worker stopped");
    exit(code);
  }

  function stop(code: number, reason: string): void {
    if (stopping) {
      logger.warn({ reason }, "second signal: exiting without draining");
      exit(1);
      return;
    }
    logger.info({ reason }, "worker stopping: draining services");
    stopping = shutdown(code);
  }

  process.on("SIGTERM", () => stop(0, "SIGTERM"));
  process.on("SIGINT", () => stop(0, "SIGINT"));
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception");
    if (stopping) exit(1);
    else stop(1, "uncaughtException");
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection");
    if (stopping) exit(1);
    else stop(1, "unhandledRejection");
  });

  for (const service of services) {
    if (stopping) return;
    try {
      starting = service.start();
      await starting;
      started.push(service);
    } catch (error) {
      logger.fatal({ err: error, service: service.name }, "service failed to start");
      stop(1, `${service.name} failed to start`);
      return;
    }
  }
  if (!stopping) logger.info({ services: started.map((service) => service.name) }, "worker ready");
}
