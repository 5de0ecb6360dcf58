import type { Db } from "../../lib/db";
import type { Logger } from "../../lib/logger";
import { relayOutboxEvents, RELAY_DEFAULTS } from "../../lib/outbox/relay-outbox-events";
import { createProducerQueue, type ProducerQueue } from "../../lib/queue";

export type OutboxRelayServiceOptions = {
  db: Db;
  redisUrl: string;
  redisPrefix: string;
  logger: Logger;
  intervalMs?: number;
  pendingAfterMs?: number;
  staleAfterMs?: number;
};

export type OutboxRelayService = {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one pass now (tests, and the first tick). */
  runOnce(): Promise<number>;
};

/**
 * Every couple of seconds, puts back in the queue the outbox rows whose enqueue after commit did
 * not happen (Redis down or slow) or whose job went missing. Safe with several workers running
 * (rows are claimed with SKIP LOCKED, job ids dedupe).
 */
export function createOutboxRelayService(options: OutboxRelayServiceOptions): OutboxRelayService {
  const intervalMs = options.intervalMs ?? 2000;
  let producer: ProducerQueue | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function runOnce(): Promise<number> {
    if (!producer) return 0;
    try {
      const relayed = await relayOutboxEvents({
        db: options.db,
        producer,
        pendingAfterMs: options.pendingAfterMs ?? RELAY_DEFAULTS.pendingAfterMs,
        staleAfterMs: options.staleAfterMs ?? RELAY_DEFAULTS.staleAfterMs,
      });
      if (relayed > 0) options.logger.info({ relayed }, "outbox rows re-enqueued");
      return relayed;
    } catch (error) {
      options.logger.warn({ err: error }, "outbox relay pass failed; retrying next tick");
      return 0;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce();
      void running.finally(schedule);
    }, intervalMs);
  }

  return {
    name: "outbox-relay",
    runOnce,
    async start() {
      producer = createProducerQueue({ url: options.redisUrl, redisPrefix: options.redisPrefix });
      // Give the connection a moment; if Redis is down we start anyway and passes wait for it.
      await Promise.race([producer.queue.waitUntilReady().catch(() => undefined), sleep(2000)]);
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
      await producer?.close();
      producer = undefined;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
