/** request-activity.ts: background work waits for a pause in the requests, not longer. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestActivity } from '../../src/server/request-activity.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('request activity', () => {
  it('gives a turn at once when no request came lately, and after a quiet spell once they settle', async () => {
    vi.useFakeTimers();
    const activity = requestActivity(() => Date.now());
    let turned = false;
    await activity.pause();

    let answer: (value: string) => void = () => undefined;
    const request = activity.track(() => new Promise<string>((resolve) => (answer = resolve)));
    const turn = activity.pause().then(() => {
      turned = true;
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(turned).toBe(false);
    answer('done');
    expect(await request).toBe('done');
    await vi.advanceTimersByTimeAsync(100);
    expect(turned).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await turn;
    expect(turned).toBe(true);
  });

  it('counts a failed request as settled', async () => {
    vi.useFakeTimers();
    const activity = requestActivity(() => Date.now());
    await expect(activity.track(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    let turned = false;
    const turn = activity.pause().then(() => {
      turned = true;
    });
    await vi.advanceTimersByTimeAsync(300);
    await turn;
    expect(turned).toBe(true);
  });
});
