// @vitest-environment happy-dom
/**
 * /kiosk/setup: the first visit sets a PIN (4–8 digits, typed twice); later visits ask for it and
 * refuse a wrong one; the settings saved go to localStorage and the kiosk opens with them.
 */
import 'fake-indexeddb/auto';
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import zhCN from '../../../locales/zh-CN.json';
import boJson from '../../../locales/bo.json';
import { lookupMessage } from '../../../src/report/labels.ts';
import { PIN_KEY } from '../../../src/kiosk/pin.ts';
import { SETTINGS_KEY } from '../../../src/kiosk/settings.ts';
import { clearDb, mountApp, seedReport, serveReports, settle, type Mounted } from '../helpers.ts';

const zh = (key: string): string => lookupMessage(zhCN, key) ?? `missing ${key}`;
const bo = (key: string): string => lookupMessage(boJson, key) ?? `missing ${key}`;
let app: Mounted | undefined;

beforeEach(async () => {
  await clearDb();
  localStorage.clear();
  serveReports([seedReport()]);
});

afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  vi.unstubAllGlobals();
});

/** Types a PIN, submits, and waits for `expected` (hashing is asynchronous). */
async function enterPin(pin: string, expected: string): Promise<void> {
  if (app === undefined) throw new Error('not mounted');
  await app.wrapper.get('#kiosk-pin').setValue(pin);
  await app.wrapper.get('form.pin').trigger('submit');
  await flushPromises();
  await vi.waitFor(() => {
    expect(app?.wrapper.text()).toContain(expected);
  });
}

const text = (): string => app?.wrapper.text() ?? '';

describe('kiosk setup', () => {
  it('sets a PIN on first use: 4–8 digits, typed twice the same', async () => {
    app = await mountApp('/kiosk/setup');
    expect(text()).toContain(zh('kiosk.setup.pin.create'));
    await enterPin('12', zh('kiosk.setup.pin.invalid'));
    await enterPin('2468', zh('kiosk.setup.pin.confirm'));
    await enterPin('1357', zh('kiosk.setup.pin.mismatch'));
    expect(localStorage.getItem(PIN_KEY)).toBeNull();
    await enterPin('2468', zh('kiosk.setup.pin.confirm'));
    await enterPin('2468', zh('kiosk.setup.reports'));
    const stored = localStorage.getItem(PIN_KEY) ?? '';
    expect(stored).toMatch(/"hash":"[0-9a-f]{64}"/);
    expect(stored).not.toContain('2468');
  });

  it('asks for the PIN later and refuses a wrong one', async () => {
    app = await mountApp('/kiosk/setup');
    await enterPin('9753', zh('kiosk.setup.pin.confirm'));
    await enterPin('9753', zh('kiosk.setup.reports'));
    app.wrapper.unmount();

    app = await mountApp('/kiosk/setup');
    expect(text()).toContain(zh('kiosk.setup.pin.enter'));
    await enterPin('0000', zh('kiosk.setup.pin.wrong'));
    expect(text()).not.toContain(zh('kiosk.setup.reports'));
    await enterPin('9753', zh('kiosk.setup.reports'));
  });

  it('saves the settings and opens the kiosk with them', async () => {
    app = await mountApp('/kiosk/setup');
    await enterPin('1234', zh('kiosk.setup.pin.confirm'));
    await enterPin('1234', zh('kiosk.setup.reports'));
    await settle();
    const w = app.wrapper;
    // The report from the server's list, Chinese only, 45 s a page, cycle by cycle.
    await w.get('input[type="checkbox"][value="qingduo-2020"]').setValue(true);
    await w.get('input[type="checkbox"][value="bo"]').setValue(false);
    await w.get('input[type="number"][min="10"]').setValue('45');
    await w.get('input[type="radio"][value="cycle"]').setValue(true);
    // Dimmed from 21:30 to 06:15 at 40 %, reloaded at 03:30.
    const [from, to, reload] = w.findAll('input[inputmode="numeric"][placeholder="22:00"]');
    // Typed as a Chinese keyboard may type them: a full-width colon, no leading zero.
    await from?.setValue('21：30');
    await to?.setValue('6:15');
    await reload?.setValue('03:30');
    await w.get('input[type="number"][max="100"]').setValue('40');
    await w.get('form.settings').trigger('submit');
    await settle();
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Record<string, unknown>;
    expect(saved).toMatchObject({
      reports: ['qingduo-2020'],
      langs: ['zh'],
      interval: 45,
      alternation: 'cycle',
      night: { start: '21:30', end: '06:15', brightness: 0.4 },
      reloadAt: '03:30',
    });
    await vi.waitFor(() => {
      expect(app?.router.currentRoute.value.name).toBe('kiosk');
    });
    // Let the kiosk finish loading before the test ends.
    await settle();
  });

  it('says what is wrong with a box in the kiosk\'s languages, never through the browser\'s own bubbles', async () => {
    app = await mountApp('/kiosk/setup');
    // No constraint the browser would report in its own language, on either form.
    expect(app.wrapper.get('form.pin').attributes('novalidate')).toBeDefined();
    expect(app.wrapper.get('#kiosk-pin').attributes('pattern')).toBeUndefined();
    await enterPin('1234', zh('kiosk.setup.pin.confirm'));
    await enterPin('1234', zh('kiosk.setup.reports'));
    const w = app.wrapper;
    expect(w.get('form.settings').attributes('novalidate')).toBeDefined();
    expect(w.findAll('input[type="time"]')).toHaveLength(0);
    expect(w.findAll('input[required]')).toHaveLength(0);
    // The interval's label and message take the same bounds the address is held to.
    expect(text()).toContain(zh('kiosk.setup.interval').replace('{min}', '10').replace('{max}', '120'));
    await w.get('input[type="number"][min="10"]').setValue('5');
    const [from] = w.findAll('input[placeholder="22:00"]');
    await from?.setValue('25:00');
    for (const lookup of [zh, bo]) {
      expect(text()).toContain(lookup('kiosk.setup.wholeNumber').replace('{min}', '10').replace('{max}', '120'));
      expect(text()).toContain(lookup('kiosk.setup.timeFormat'));
    }
    expect(w.get('form.settings button[type="submit"]').attributes('disabled')).toBeDefined();
    await w.get('form.settings').trigger('submit');
    await settle();
    expect(localStorage.getItem(SETTINGS_KEY)).toBeNull();
    // Put right, the messages go and the settings save.
    await w.get('input[type="number"][min="10"]').setValue('10');
    await from?.setValue('22:00');
    expect(text()).not.toContain(zh('kiosk.setup.timeFormat'));
    await w.get('form.settings').trigger('submit');
    await settle();
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}')).toMatchObject({ interval: 10, night: { start: '22:00' } });
    await settle();
  });
});
