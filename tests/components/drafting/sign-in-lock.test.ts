// @vitest-environment happy-dom
/**
 * Sign-in locked after too many wrong passwords (issue 11): the page says in how many minutes to
 * try again, in both languages, and that the right password is refused until then.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { mountApp, settle, TIBETAN } from '../helpers.ts';
import { startOnFakeApi, stopOnFakeApi } from './helpers.ts';

let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  const api = await startOnFakeApi();
  // The server's answer to any login while the username is locked (server/auth/throttle.ts): 12 min 34 s.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/api/auth/login')) return api.fetch(input, init);
    const body = JSON.stringify({ error: { code: 'too_many_attempts', message: 'Too many failed logins: try again in 754 s' } });
    return Promise.resolve(new Response(body, { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '754' } }));
  });
});

afterEach(async () => {
  wrapper?.unmount();
  wrapper = undefined;
  await stopOnFakeApi();
});

describe('a locked sign-in', () => {
  it.each([
    ['zh', /13 分钟后再试.*即使密码正确也无法登录/u],
    ['bo', /སྐར་མ་13 རྗེས་སུ.*གསང་ཨང་ཡང་དག་ཡིན་ཡང་ནང་འཛུལ་བྱེད་མི་ཐུབ/u],
  ] as const)('says when to try again, in minutes, and that the right password is refused meanwhile (%s)', async (lang, expected) => {
    const mounted = await mountApp(`/${lang}/sign-in`);
    wrapper = mounted.wrapper;
    await wrapper.find('#sign-in-username').setValue('user1');
    await wrapper.find('#sign-in-password').setValue('secret');
    await wrapper.find('form').trigger('submit');
    await settle();
    await vi.waitFor(() => { expect(mounted.wrapper.find('[role="alert"]').exists()).toBe(true); });
    const text = wrapper.find('[role="alert"]').text();
    expect(text).toMatch(expected);
    if (lang === 'bo') expect(text).toMatch(TIBETAN);
  });
});
