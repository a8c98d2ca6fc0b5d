/**
 * Cancellation helpers. A caller's `AbortSignal` must end a call at once wherever it waits (a
 * token refresh, a retry's backoff), with the signal's reason, as `fetch` does.
 */

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, after
 * calling `stop` (to release what the promise was waiting on, such as a timer).
 */
export function abortable<T>(
  promise: Promise<T>,
  signal?: AbortSignal,
  stop?: () => void,
): Promise<T> {
  return signal
    ? new Promise<T>((resolve, reject) => {
        const abort = (): void => {
          stop?.();
          reject(signal.reason);
        };
        if (signal.aborted) abort();
        signal.addEventListener('abort', abort);
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
      })
    : promise;
}

/** Waits `ms`. An abort ends the wait and clears the timer, so nothing keeps the process up. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return abortable(
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
    signal,
    () => clearTimeout(timer),
  );
}
