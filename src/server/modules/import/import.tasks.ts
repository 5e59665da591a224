/*
 * Background work of this process (large previews and commits), by job id, so shutdown can wait
 * for it: every task ends by recording its outcome on the job, and the database must still be open.
 */
const running = new Map<number, Promise<void>>();

export function track(jobId: number, task: Promise<void>): void {
  const tracked = task.catch(() => undefined).finally(() => running.delete(jobId));
  running.set(jobId, tracked);
}

export async function waitForTasks(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}

export type Logger = { error(obj: unknown, msg: string): void };
