/** The kiosk's timers and clock rules: idle timer, burn-in shift, night dimming, nightly reload. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BURN_IN_AMPLITUDE, burnInOffset } from '../../../src/kiosk/burn-in.ts';
import { createIdleTimer, IDLE_TIMEOUT_MS } from '../../../src/kiosk/idle.ts';
import { dimOpacity, isNight, localDay, parseTypedTime, shouldReload } from '../../../src/kiosk/schedule.ts';

const at = (hh: number, mm: number, day = 15): Date => new Date(2024, 4, day, hh, mm);
const night = { enabled: true, start: '22:00', end: '06:00', brightness: 0.2 };

describe('idle timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is idle at start, busy on touch, idle again 60 s after the last touch', () => {
    const changes: boolean[] = [];
    const timer = createIdleTimer((idle) => changes.push(idle));
    expect(timer.idle).toBe(true);
    timer.touch();
    expect(timer.idle).toBe(false);
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 1_000);
    timer.touch();
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 1);
    expect(timer.idle).toBe(false);
    vi.advanceTimersByTime(1);
    expect(timer.idle).toBe(true);
    expect(changes).toEqual([false, true]);
  });

  it('leaves no timer behind when stopped', () => {
    const timer = createIdleTimer(() => undefined);
    timer.touch();
    timer.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('burn-in shift', () => {
  it('stays within ±8 px and moves by at most one grid step at a time', () => {
    let prev = burnInOffset(0);
    const seen = new Set<string>();
    for (let step = 1; step < 500; step += 1) {
      const o = burnInOffset(step);
      expect(Math.abs(o.x)).toBeLessThanOrEqual(BURN_IN_AMPLITUDE);
      expect(Math.abs(o.y)).toBeLessThanOrEqual(BURN_IN_AMPLITUDE);
      expect(Math.abs(o.x - prev.x) + Math.abs(o.y - prev.y)).toBeLessThanOrEqual(BURN_IN_AMPLITUDE / 2);
      seen.add(`${o.x},${o.y}`);
      prev = o;
    }
    expect(seen.size).toBe(25);
    expect(burnInOffset(-7)).toEqual(burnInOffset(41));
  });
});

describe('night schedule', () => {
  it('wraps past midnight', () => {
    expect(isNight(at(21, 59), night)).toBe(false);
    expect(isNight(at(22, 0), night)).toBe(true);
    expect(isNight(at(3, 0), night)).toBe(true);
    expect(isNight(at(5, 59), night)).toBe(true);
    expect(isNight(at(6, 0), night)).toBe(false);
    expect(isNight(at(13, 0), { ...night, start: '12:00', end: '14:00' })).toBe(true);
    expect(isNight(at(3, 0), { ...night, enabled: false })).toBe(false);
  });

  it('dims to the brightness chosen', () => {
    expect(dimOpacity(at(23, 0), night)).toBeCloseTo(0.8);
    expect(dimOpacity(at(12, 0), night)).toBe(0);
  });
});

describe('nightly reload', () => {
  it('reloads once, in the hour after the time chosen, when it can', () => {
    expect(shouldReload(at(3, 0), '03:00', null, true)).toBe(true);
    expect(shouldReload(at(3, 59), '03:00', '2024-05-14', true)).toBe(true);
    expect(shouldReload(at(3, 5), '03:00', localDay(at(3, 0)), true)).toBe(false);
    expect(shouldReload(at(4, 0), '03:00', null, true)).toBe(false);
    expect(shouldReload(at(2, 59), '03:00', null, true)).toBe(false);
    expect(shouldReload(at(3, 0), '03:00', null, false)).toBe(false);
    expect(shouldReload(at(0, 10), '23:30', null, true)).toBe(true);
  });
});

describe('a time typed into the setup screen', () => {
  it('reads HH:MM, H:MM and a full-width colon; refuses anything else', () => {
    expect(parseTypedTime('22:00')).toBe('22:00');
    expect(parseTypedTime(' 7:05 ')).toBe('07:05');
    expect(parseTypedTime('06：15')).toBe('06:15');
    for (const wrong of ['24:00', '7:5', '7.30', '0730', '', '12:60', '１２:00']) expect(parseTypedTime(wrong), wrong).toBeUndefined();
  });
});
