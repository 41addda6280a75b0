/** QR address per language, settings from storage and from the address, and the rotation order. */
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrDrawing, reportUrl } from '../../../src/kiosk/qr.ts';
import { DEFAULT_SETTINGS, INTERVAL_MAX, INTERVAL_MIN, parseSettings, withQuery } from '../../../src/kiosk/settings.ts';
import { anchorOf, findAnchor, rotation, startOf, type Paginated } from '../../../src/kiosk/sequence.ts';
import type { Screen, Unit } from '../../../src/kiosk/paginate.ts';

describe('QR code', () => {
  it('points at the report in the language shown', () => {
    expect(reportUrl('http://10.0.0.5:8080', 'zh', 'qingduo-2020')).toBe('http://10.0.0.5:8080/zh/reports/qingduo-2020');
    expect(reportUrl('https://lotho.example/', 'bo', 'qingduo-2020')).toBe('https://lotho.example/bo/reports/qingduo-2020');
  });

  it('draws exactly the dark modules of the code', () => {
    const url = reportUrl('http://10.0.0.5:8080', 'bo', 'qingduo-2020');
    const drawing = qrDrawing(url);
    const qr = encode(url, { ecc: 'M', border: 2 });
    expect(drawing.size).toBe(qr.size);
    const dark = new Set<string>();
    for (const m of drawing.path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      for (let i = 0; i < Number(m[3]); i += 1) dark.add(`${Number(m[1]) + i},${m[2]}`);
    }
    qr.data.forEach((row, y) => {
      row.forEach((on, x) => {
        expect(dark.has(`${x},${y}`)).toBe(on);
      });
    });
    expect(qrDrawing(reportUrl('http://10.0.0.5:8080', 'zh', 'qingduo-2020')).path).not.toBe(drawing.path);
  });
});

describe('settings', () => {
  it('fall back to the defaults when stored settings are missing or damaged', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(JSON.stringify({ ...DEFAULT_SETTINGS, interval: 5 }))).toEqual(DEFAULT_SETTINGS);
    const mine = { ...DEFAULT_SETTINGS, reports: ['a-2020', 'b-2021'], langs: ['bo'], interval: 45, alternation: 'cycle' };
    expect(parseSettings(JSON.stringify(mine))).toEqual(mine);
  });

  it('take reports, languages, interval and mode from the address, ignoring what is not valid', () => {
    const s = withQuery(DEFAULT_SETTINGS, { reports: 'qingduo-2020,X!,b-2021', langs: 'bo,zh,en', interval: '15', mode: 'cycle' });
    expect(s.reports).toEqual(['qingduo-2020', 'b-2021']);
    expect(s.langs).toEqual(['bo', 'zh']);
    expect(s.interval).toBe(15);
    expect(s.alternation).toBe('cycle');
    expect(withQuery(DEFAULT_SETTINGS, { interval: '0' }).interval).toBe(DEFAULT_SETTINGS.interval);
    expect(withQuery(DEFAULT_SETTINGS, { interval: '1e9' }).interval).toBe(DEFAULT_SETTINGS.interval);
    expect(withQuery(DEFAULT_SETTINGS, { langs: 'en' }).langs).toEqual(['zh', 'bo']);
  });

  it('take the interval only within the bounds the setup screen offers', () => {
    const mine = { ...DEFAULT_SETTINGS, interval: 45 };
    for (const outside of [INTERVAL_MIN - 1, 2, 1, INTERVAL_MAX + 1, 12.5]) {
      expect(withQuery(mine, { interval: String(outside) }).interval).toBe(45);
    }
    expect(withQuery(mine, { interval: String(INTERVAL_MIN) }).interval).toBe(INTERVAL_MIN);
    expect(withQuery(mine, { interval: String(INTERVAL_MAX) }).interval).toBe(INTERVAL_MAX);
    // What the address takes, the stored settings take too (one rule for both).
    expect(parseSettings(JSON.stringify({ ...mine, interval: INTERVAL_MIN - 1 }))).toEqual(DEFAULT_SETTINGS);
  });
});

describe('rotation', () => {
  const screen = (units: string[]): Screen => ({ bands: [], units, overflow: false });
  const a: Paginated = { reportId: 'a', langs: ['zh', 'bo'], sideBySide: false, screens: [screen(['cover']), screen(['x']), screen(['y'])] };

  it('alternates languages page by page', () => {
    const views = rotation([a]);
    expect(views.map((v) => `${v.langs.join()}${v.page}/${v.pages}`)).toEqual(['zh1/3', 'bo1/3', 'zh2/3', 'bo2/3', 'zh3/3', 'bo3/3']);
    expect(new Set(views.map((v) => v.key)).size).toBe(6);
  });

  it('interleaves languages paginated apart by where their pages start', () => {
    const zh: Paginated = { ...a, langs: ['zh'], screens: [screen(['cover']), screen(['x'])] };
    const bo: Paginated = { ...a, langs: ['bo'], screens: [screen(['cover']), screen(['x']), screen(['x']), screen(['y'])] };
    const starts: [number, number][][] = [[[0, 0], [1, 0.1]], [[0, 0], [1, 0], [1, 0.6], [2, 0]]];
    const views = rotation([{ items: [zh, bo], starts }]);
    expect(views.map((v) => `${v.langs.join()}${v.page}/${v.pages}`)).toEqual(['zh1/2', 'bo1/4', 'bo2/4', 'zh2/2', 'bo3/4', 'bo4/4']);
    expect(new Set(views.map((v) => v.key)).size).toBe(6);
    expect(views.every((v) => v.lane === 0)).toBe(true);
  });

  it('finds where a page starts: the section of its first unit and how far into it', () => {
    const units: Unit[] = [
      { id: 'cover', lanes: [null] },
      { id: 'overview:h', lanes: [null] },
      { id: 'overview:p0', lanes: [null] },
      { id: 'overview:p1', lanes: [null] },
      { id: 'active:h', lanes: [null] },
    ];
    const block = { kind: 'text', lang: 'zh', text: '一二三四五六七八' } as const;
    const at = (unit: string, from: number): Screen => ({ bands: [{ kind: 'lanes', lanes: [[{ key: 'k', unit, block, from, to: 8 }]] }], units: [unit], overflow: false });
    expect(startOf(at('cover', 0), units)).toEqual([0, 0]);
    expect(startOf(at('overview:p0', 4), units)).toEqual([1, 1.5 / 3]);
    expect(startOf(at('active:h', 0), units)).toEqual([2, 0]);
  });

  it('alternates cycle by cycle when given single-language paginations in that order', () => {
    const zh = { ...a, langs: ['zh'] as const };
    const bo = { ...a, langs: ['bo'] as const, screens: a.screens.slice(0, 2) };
    expect(rotation([zh, bo]).map((v) => `${v.langs.join()}${v.page}`)).toEqual(['zh1', 'zh2', 'zh3', 'bo1', 'bo2']);
  });

  it('shows both languages on one page side by side', () => {
    const views = rotation([{ ...a, sideBySide: true }]);
    expect(views).toHaveLength(3);
    expect(views[0]?.langs).toEqual(['zh', 'bo']);
  });

  it('finds its place again after a new pagination', () => {
    const before = rotation([a]);
    const view = before[3];
    if (view === undefined) throw new Error('no view 3');
    const anchor = anchorOf(view);
    const after = rotation([{ ...a, screens: [screen(['cover']), screen(['w', 'x']), screen(['x', 'y'])] }]);
    expect(after[findAnchor(after, anchor, 0)]?.key).toBe(after[3]?.key);
    expect(findAnchor(after, { reportId: 'gone', lang: 'zh', unit: 'x' }, 99)).toBe(after.length - 1);
  });
});
