/**
 * One long-running part of the worker process (a BullMQ consumer, a timer, the heartbeat).
 * `start` resolves once it runs; `stop` drains it (finishes jobs in progress) and releases
 * its connections. Add new ones in worker/services/<name>.ts and list them in build-services.ts.
 */
export type WorkerService = {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
};
