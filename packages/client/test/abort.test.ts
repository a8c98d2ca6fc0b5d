import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortable, sleep } from '../src/abort.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('abortable', () => {
  it('lets go of the signal once the promise settles: a later abort stops nothing', async () => {
    const controller = new AbortController();
    const stop = vi.fn();
    await expect(abortable(Promise.resolve(1), controller.signal, stop)).resolves.toBe(1);
    controller.abort();
    expect(stop).not.toHaveBeenCalled();
  });

  it('stops and rejects with the reason on abort', async () => {
    const controller = new AbortController();
    const stop = vi.fn();
    const pending = abortable(new Promise(() => {}), controller.signal, stop);
    controller.abort(new Error('bye'));
    await expect(pending).rejects.toThrow('bye');
    expect(stop).toHaveBeenCalledTimes(1);
  });
});

describe('sleep', () => {
  it('clears its timer when aborted, so nothing keeps the process up', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
  });
});
