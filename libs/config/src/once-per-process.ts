const started = new Map<string, Promise<unknown>>();

/**
 * Runs `run` once per process for `key` (e.g. a migration for one database URL): start-up hooks
 * that each make sure an earlier step has happened (the read models need the event store's
 * schema, the outbox needs both) share one run instead of repeating it. A failed run is
 * forgotten, so a later call tries again.
 */
export function oncePerProcess<T>(key: string, run: () => Promise<T>): Promise<T> {
  let promise = started.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = run();
    started.set(key, promise);
    promise.catch(() => started.delete(key));
  }
  return promise;
}
