/**
 * The go-ahead the pages post and the worker's test of it (src/modules/sw-messages.ts): the
 * browser test (tests/e2e/app-update.e2e.ts) runs the whole flow; this one the edge cases of the
 * test itself, which a message from another page or an older version may hit.
 */
import { describe, expect, it } from 'vitest';
import { isSkipWaiting, SKIP_WAITING } from '../../../src/modules/sw-messages.ts';

describe('isSkipWaiting', () => {
  it('takes the message the pages send, also as structured clone delivers it (a copy)', () => {
    expect(isSkipWaiting(SKIP_WAITING)).toBe(true);
    expect(isSkipWaiting(structuredClone(SKIP_WAITING))).toBe(true);
  });

  it('refuses anything else', () => {
    for (const data of [null, undefined, 'SKIP_WAITING', { type: 'lotho-sync' }, { kind: 'SKIP_WAITING' }, [SKIP_WAITING]]) {
      expect(isSkipWaiting(data)).toBe(false);
    }
  });
});
