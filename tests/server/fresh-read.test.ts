/** fresh-read.ts: concurrent requests share reads, and none gets a read begun before it arrived. */
import { describe, expect, it } from 'vitest';
import { freshReads } from '../../src/server/fresh-read.ts';

/** A read whose answer is the database's state when it began, finished by hand. */
function manualReads() {
  let state = 0;
  const begun: { key: string; state: number; finish: () => void; fail: (error: Error) => void }[] = [];
  const read = (key: string) =>
    new Promise<string>((resolve, reject) => {
      const at = state;
      begun.push({ key, state: at, finish: () => { resolve(`${key}:${String(at)}`); }, fail: reject });
    });
  return { read, begun, commit: () => (state += 1) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('fresh reads', () => {
  it('shares one read among requests arriving while another runs, begun after that one', async () => {
    const { read, begun, commit } = manualReads();
    const fresh = freshReads(read);
    const first = fresh('a');
    commit();
    // Arrived after a commit the running read may not see: they wait for the next read.
    const later = [fresh('a'), fresh('a'), fresh('a')];
    const other = fresh('b');
    expect(begun.map((b) => b.key)).toEqual(['a', 'b']);
    begun[0]?.finish();
    expect(await first).toBe('a:0');
    await tick();
    expect(begun.map((b) => `${b.key}:${String(b.state)}`)).toEqual(['a:0', 'b:1', 'a:1']);
    begun[2]?.finish();
    expect(await Promise.all(later)).toEqual(['a:1', 'a:1', 'a:1']);
    begun[1]?.finish();
    expect(await other).toBe('b:1');
    // Nothing running: the next request reads at once.
    const again = fresh('a');
    expect(begun).toHaveLength(4);
    begun[3]?.finish();
    expect(await again).toBe('a:1');
  });

  it('passes a failed read to its requests only, and reads again for the next', async () => {
    const { read, begun } = manualReads();
    const fresh = freshReads(read);
    const failing = fresh('a');
    const queued = fresh('a');
    begun[0]?.fail(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await tick();
    begun[1]?.finish();
    expect(await queued).toBe('a:0');
  });
});
