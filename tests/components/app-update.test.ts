// @vitest-environment happy-dom
/**
 * A new version is announced and taken only when the reader says so (conventions §13): the
 * service worker client is a fake with the events modules/sw-client.ts sends.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import AppUpdatePrompt from '../../src/components/app/AppUpdatePrompt.vue';
import { APP_UPDATE_KEY, createAppUpdate, type AppUpdate, type ServiceWorkerClient } from '../../src/modules/pwa.ts';
import { createAppI18n, loadMessages, setLocale } from '../../src/modules/i18n.ts';
import zhCN from '../../locales/zh-CN.json';
import boJson from '../../locales/bo.json';

type Listener = (event: { isUpdate?: boolean }) => void;

/** A stand-in for the service worker client (sw-client.ts): records calls, lets the test fire its events. */
function fakeWorkbox() {
  const listeners = new Map<string, Listener[]>();
  const client = {
    addEventListener: vi.fn((type: string, listener: Listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    }),
    register: vi.fn(() => Promise.resolve(undefined)),
    update: vi.fn(() => Promise.resolve(undefined)),
    messageSkipWaiting: vi.fn(),
  } satisfies ServiceWorkerClient;
  const fire = (type: string, event: { isUpdate?: boolean } = {}): void => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  return { client, fire };
}

async function started() {
  const fake = fakeWorkbox();
  const reload = vi.fn();
  const update = createAppUpdate({ create: () => Promise.resolve(fake.client), reload, checkEveryMs: 0 });
  await update.start();
  return { ...fake, reload, update };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createAppUpdate', () => {
  it('asks when a new version waits, and never reloads on its own', async () => {
    const { fire, client, reload, update } = await started();
    expect(client.register).toHaveBeenCalledTimes(1);
    expect(update.needRefresh.value).toBe(false);
    fire('waiting', { isUpdate: true });
    expect(update.needRefresh.value).toBe(true);
    expect(client.messageSkipWaiting).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });

  it('activates the new version when asked, and reloads once it controls the page', async () => {
    const { fire, client, reload, update } = await started();
    fire('waiting', { isUpdate: true });
    update.updateServiceWorker();
    expect(client.messageSkipWaiting).toHaveBeenCalledTimes(1);
    expect(update.needRefresh.value).toBe(false);
    expect(reload).not.toHaveBeenCalled();
    fire('controlling', { isUpdate: true });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('"later" hides the question and changes nothing', async () => {
    const { fire, client, reload, update } = await started();
    fire('waiting', { isUpdate: true });
    update.dismiss();
    expect(update.needRefresh.value).toBe(false);
    expect(client.messageSkipWaiting).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });

  it('first install: offline ready, nothing to ask, no reload', async () => {
    const { fire, reload, update } = await started();
    fire('activated', { isUpdate: false });
    fire('controlling', { isUpdate: false });
    expect(update.offlineReady.value).toBe(true);
    expect(update.needRefresh.value).toBe(false);
    expect(reload).not.toHaveBeenCalled();
    await expect(update.settled).resolves.toBeUndefined();
  });

  it('a version activated from another tab: asks, then only reloads', async () => {
    const { fire, client, reload, update } = await started();
    fire('controlling', { isUpdate: true });
    expect(reload).not.toHaveBeenCalled();
    expect(update.needRefresh.value).toBe(true);
    update.updateServiceWorker();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(client.messageSkipWaiting).not.toHaveBeenCalled();
  });

  it('a failed registration settles (the app goes on online) and rejects start', async () => {
    const update = createAppUpdate({ create: () => Promise.reject(new Error('SecurityError')), checkEveryMs: 0 });
    await expect(update.start()).rejects.toThrow('SecurityError');
    await expect(update.settled).resolves.toBeUndefined();
  });
});

describe('AppUpdatePrompt', () => {
  async function prompt(update: AppUpdate, lang: 'zh' | 'bo') {
    const i18n = createAppI18n();
    await loadMessages(i18n, 'bo');
    await setLocale(i18n, lang);
    return mount(AppUpdatePrompt, { global: { plugins: [createPinia(), i18n], provide: { [APP_UPDATE_KEY as symbol]: update } } });
  }

  it('shows nothing until a version waits, then asks in the page language', async () => {
    const { fire, update } = await started();
    const wrapper = await prompt(update, 'zh');
    expect(wrapper.find('.banner').exists()).toBe(false);
    expect(wrapper.find('[role="status"]').exists()).toBe(true);
    fire('waiting', { isUpdate: true });
    // The banner is a chunk of its own (AppUpdateBanner.vue), loaded once a version waits.
    await vi.waitFor(() => wrapper.get('.banner'));
    expect(wrapper.get('.banner p').text()).toBe(zhCN.app.update.available);
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual([zhCN.app.update.reload, zhCN.app.update.later]);
  });

  it('in Tibetan, with lang="bo"; the update button takes the new version', async () => {
    const { fire, client, reload, update } = await started();
    const wrapper = await prompt(update, 'bo');
    fire('waiting', { isUpdate: true });
    // The banner is a chunk of its own (AppUpdateBanner.vue), loaded once a version waits.
    await vi.waitFor(() => wrapper.get('.banner'));
    expect(wrapper.get('.app-update').attributes('lang')).toBe('bo');
    expect(wrapper.get('.banner p').text()).toBe(boJson.app.update.available);
    await wrapper.get('button.primary').trigger('click');
    expect(client.messageSkipWaiting).toHaveBeenCalledTimes(1);
    expect(wrapper.find('.banner').exists()).toBe(false);
    fire('controlling', { isUpdate: true });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('"later" closes it without touching the worker', async () => {
    const { fire, client, update } = await started();
    const wrapper = await prompt(update, 'zh');
    fire('waiting', { isUpdate: true });
    // The banner is a chunk of its own (AppUpdateBanner.vue), loaded once a version waits.
    await vi.waitFor(() => wrapper.get('.banner'));
    await wrapper.findAll('button')[1]?.trigger('click');
    expect(wrapper.find('.banner').exists()).toBe(false);
    expect(client.messageSkipWaiting).not.toHaveBeenCalled();
  });
});
