/**
 * The pagination engine with fake heights: every unit lands once and in order, no screen is over
 * its budget, tables repeat their header and never end a screen on a merged group row, headings
 * never end a screen, lanes break together, and Tibetan is never cut inside a syllable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KioskBlock, TableBlock } from '../../../src/kiosk/blocks.ts';
import { lanePieces, paginate, type Piece, type Screen, type Unit } from '../../../src/kiosk/paginate.ts';
import { splitsTibetanSyllable } from '../../../src/kiosk/text-split.ts';
import { reportUnits } from '../../../src/kiosk/units.ts';
import { fakeBlockHeight, fakeMeasurer, localeText, seedReport, SIZES } from './helpers.ts';

const GAP = 16;

function extent(block: KioskBlock): number {
  return block.kind === 'text' ? block.text.length : block.kind === 'table' ? block.rows.length : 1;
}

/** The pieces of every (unit, lane) in screen order. */
function piecesByUnit(screens: Screen[], lanes: number): Map<string, Piece[]> {
  const map = new Map<string, Piece[]>();
  for (const screen of screens) {
    for (const band of screen.bands) {
      const entries: [string, Piece][] =
        band.kind === 'span' ? [[`${band.piece.unit}@span`, band.piece]] : band.lanes.flatMap((pieces, lane) => pieces.map((p): [string, Piece] => [`${p.unit}@${lane}`, p]));
      for (const [key, piece] of entries) map.set(key, [...(map.get(key) ?? []), piece]);
    }
  }
  expect(lanes).toBeGreaterThan(0);
  return map;
}

/** Every block of every unit is covered exactly once, contiguously, in order. */
function expectCoverage(units: Unit[], screens: Screen[], lanes: number): void {
  const map = piecesByUnit(screens, lanes);
  for (const unit of units) {
    unit.lanes.forEach((block, lane) => {
      if (block === null) return;
      const pieces = map.get(`${unit.id}@${unit.span === true ? 'span' : lane}`) ?? [];
      expect(pieces.length, `${unit.id} lane ${lane}`).toBeGreaterThan(0);
      let at = 0;
      for (const piece of pieces) {
        expect(piece.block).toBe(block);
        expect(piece.from).toBe(at);
        expect(piece.to).toBeGreaterThan(piece.from);
        at = piece.to;
      }
      expect(at).toBe(extent(block));
    });
  }
  // Screens list units in reading order.
  const order = screens.flatMap((s) => s.units);
  const index = (id: string): number => units.findIndex((u) => u.id === id);
  for (let i = 1; i < order.length; i += 1) expect(index(order[i] ?? '')).toBeGreaterThanOrEqual(index(order[i - 1] ?? ''));
}

/** Height of each lane of a screen, stacked as the page draws it. */
function laneHeights(screen: Screen, lanes: number): number[] {
  const used = Array<number>(lanes).fill(0);
  for (const band of screen.bands) {
    if (band.kind === 'span') {
      const top = Math.max(...used);
      const h = (top > 0 ? top + GAP : 0) + fakeBlockHeight(band.piece.block, band.piece.from, band.piece.to);
      used.fill(h);
    } else {
      band.lanes.forEach((pieces, lane) => {
        for (const p of pieces) used[lane] = (used[lane] ?? 0) + ((used[lane] ?? 0) > 0 ? GAP : 0) + fakeBlockHeight(p.block, p.from, p.to);
      });
    }
  }
  return used;
}

const para = (text: string, lang: 'zh' | 'bo' = 'zh'): KioskBlock => ({ kind: 'text', lang, text });
const heading = (text: string): KioskBlock => ({ kind: 'heading', text: [{ text, lang: 'zh' }] });
function table(rows: number, groupsEvery = 0): TableBlock {
  return {
    kind: 'table',
    variant: 'requests',
    continuedCaption: [{ text: '表（续）', lang: 'zh' }],
    labelWidth: 30,
    columns: 2,
    head: [[{ text: [{ text: '项目', lang: 'zh' }], corner: true }, { text: [{ text: '数', lang: 'zh' }] }, { text: [{ text: '计', lang: 'zh' }] }]],
    rows: Array.from({ length: rows }, (_, i) => ({
      key: `r${i}`,
      kind: groupsEvery > 0 && i % groupsEvery === 0 ? 'group' : 'row',
      depth: 0,
      label: [{ text: `行${i}`, lang: 'zh' }],
      values: ['1', '2'],
    })),
  };
}

describe('paginate (fake heights)', () => {
  it('keeps a short report on one screen', () => {
    const units: Unit[] = [{ id: 'a', lanes: [heading('一、总体情况')] }, { id: 'b', lanes: [para('短文。')] }];
    const screens = paginate(units, fakeMeasurer(), { budget: 600, gap: GAP, lanes: 1 });
    expect(screens).toHaveLength(1);
    expect(screens[0]?.units).toEqual(['a', 'b']);
  });

  it('cuts long prose at sentence ends and keeps every screen within budget', () => {
    const text = Array.from({ length: 40 }, (_, i) => `这是第${i + 1}句比较长的句子，用来填满屏幕上的好几行文字。`).join('');
    const units: Unit[] = [{ id: 'p', lanes: [para(text)] }];
    const budget = 500;
    const screens = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: 1 });
    expect(screens.length).toBeGreaterThan(3);
    for (const s of screens) expect(laneHeights(s, 1)[0]).toBeLessThanOrEqual(budget);
    expectCoverage(units, screens, 1);
    // Every cut is after 。
    for (const s of screens.slice(0, -1)) {
      const p = lanePieces(s, 0).at(-1);
      expect(p && text.charAt(p.to - 1)).toBe('。');
    }
  });

  it('with a fill share, cuts between clauses rather than leave a screen under it', () => {
    // Each sentence is 4 lines (120 characters); a screen holds 10 lines: sentences alone fill 8.
    const sentence = `${'字'.repeat(29)}，`.repeat(4).replace(/，$/u, '。');
    const units: Unit[] = [{ id: 'p', lanes: [para(sentence.repeat(7))] }];
    const budget = 10 * SIZES.line;
    const sentencesOnly = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: 1 });
    expect(laneHeights(sentencesOnly[0] as Screen, 1)[0]).toBe(8 * SIZES.line);
    const filled = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: 1, fill: 0.85 });
    for (const s of filled.slice(0, -1)) expect(laneHeights(s, 1)[0]).toBeGreaterThanOrEqual(0.85 * budget);
    expect(filled.length).toBeLessThan(sentencesOnly.length);
    expectCoverage(units, filled, 1);
  });

  it('with a fill share, cuts Tibetan between syllables when it has no clause mark to cut at', () => {
    const text = `${'བོད་'.repeat(119)}བོད།`.repeat(5);
    const units: Unit[] = [{ id: 'p', lanes: [para(text, 'bo')] }];
    const budget = 10 * SIZES.line + 10;
    const filled = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: 1, fill: 0.85 });
    for (const s of filled.slice(0, -1)) {
      expect(laneHeights(s, 1)[0]).toBeGreaterThanOrEqual(0.85 * budget);
      const piece = lanePieces(s, 0).at(-1);
      expect(piece && splitsTibetanSyllable(text, piece.to)).toBe(false);
    }
    expectCoverage(units, filled, 1);
  });

  it('repeats a table over screens: cut between rows, each piece drawn with the header', () => {
    const block = table(30);
    const units: Unit[] = [{ id: 'h', keepWithNext: true, lanes: [heading('三、申请')] }, { id: 't', lanes: [block] }];
    const budget = 600;
    const screens = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: 1 });
    const pieces = screens.flatMap((s) => lanePieces(s, 0)).filter((p) => p.block.kind === 'table');
    expect(pieces.length).toBeGreaterThan(2);
    for (const s of screens) expect(laneHeights(s, 1)[0]).toBeLessThanOrEqual(budget);
    // The measured height of each piece includes the header: it is drawn on every screen.
    for (const p of pieces) expect(fakeBlockHeight(p.block, p.from, p.to)).toBe(SIZES.tableHead + (p.to - p.from) * SIZES.row);
    expectCoverage(units, screens, 1);
  });

  it('never ends a screen on a merged group row of a table', () => {
    const block = table(60, 4);
    for (const budget of [400, 450, 520, 610, 777]) {
      const screens = paginate([{ id: 't', lanes: [block] }], fakeMeasurer(), { budget, gap: GAP, lanes: 1 });
      for (const s of screens.slice(0, -1)) {
        const p = lanePieces(s, 0).at(-1);
        expect(p && block.rows[p.to - 1]?.kind).toBe('row');
      }
      expectCoverage([{ id: 't', lanes: [block] }], screens, 1);
    }
  });

  it('never ends a screen on a heading', () => {
    const filler = para('字'.repeat(30 * 9));
    const units: Unit[] = [
      { id: 'a', lanes: [filler] },
      { id: 'h', keepWithNext: true, lanes: [heading('二、主动公开')] },
      { id: 't', lanes: [table(3)] },
    ];
    // 9 lines (360) + heading (76) fit 450, the table head and a row do not.
    const screens = paginate(units, fakeMeasurer(), { budget: 450, gap: GAP, lanes: 1 });
    expect(screens[0]?.units).toEqual(['a']);
    expect(screens[1]?.units).toEqual(['h', 't']);
  });

  it('breaks two lanes together: both languages cover the same units on each screen', () => {
    const units: Unit[] = Array.from({ length: 12 }, (_, i) => ({
      id: `u${i}`,
      lanes: [para('中'.repeat(60 + i * 7) + '。'), para('བོད་'.repeat(40 + i * 5) + '།', 'bo')],
    }));
    const screens = paginate(units, fakeMeasurer(), { budget: 500, gap: GAP, lanes: 2 });
    for (const s of screens) {
      const [a, b] = [lanePieces(s, 0), lanePieces(s, 1)];
      const ids = new Set(s.units);
      for (const p of [...a, ...b]) expect(ids.has(p.unit)).toBe(true);
      expect(Math.max(...laneHeights(s, 2))).toBeLessThanOrEqual(500);
    }
    expectCoverage(units, screens, 2);
  });

  it('starts a spanning table below the longer lane and keeps within budget', () => {
    const units: Unit[] = [
      { id: 'p', lanes: [para('中'.repeat(60)), para('བོད་'.repeat(60), 'bo')] },
      { id: 't', span: true, lanes: [table(20)] },
    ];
    const screens = paginate(units, fakeMeasurer(), { budget: 700, gap: GAP, lanes: 2 });
    for (const s of screens) expect(Math.max(...laneHeights(s, 2))).toBeLessThanOrEqual(700);
    expectCoverage(units, screens, 2);
    expect(screens[0]?.bands.map((b) => b.kind)).toEqual(['lanes', 'span']);
  });

  it('draws a piece taller than a whole screen anyway, flagged as overflow, and goes on', () => {
    const units: Unit[] = [{ id: 'c', lanes: [{ kind: 'cover', agency: { text: 'A', lang: 'zh' }, title: { text: 'T', lang: 'zh' }, details: [] }] }, { id: 'p', lanes: [para('好。')] }];
    const screens = paginate(units, fakeMeasurer(), { budget: 200, gap: GAP, lanes: 1 });
    expect(screens[0]?.overflow).toBe(true);
    expectCoverage(units, screens, 1);
  });
});

describe('paginate the seed report', () => {
  const report = seedReport();
  const layouts = [
    { name: 'zh', langs: ['zh'] as const, sideBySide: false, lanes: 1 },
    { name: 'bo', langs: ['bo'] as const, sideBySide: false, lanes: 1 },
    { name: 'zh+bo alternating', langs: ['zh', 'bo'] as const, sideBySide: false, lanes: 2 },
    { name: 'zh+bo side by side', langs: ['zh', 'bo'] as const, sideBySide: true, lanes: 2 },
  ];
  for (const layout of layouts) {
    for (const budget of [420, 700, 1400]) {
      it(`${layout.name} at ${budget}px: everything once, in budget, Tibetan uncut`, () => {
        const units = reportUnits(report, localeText, { langs: layout.langs, sideBySide: layout.sideBySide, digits: 'arabic' });
        const screens = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: layout.lanes });
        expectCoverage(units, screens, layout.lanes);
        for (const s of screens) if (!s.overflow) expect(Math.max(...laneHeights(s, layout.lanes))).toBeLessThanOrEqual(budget);
        for (const s of screens) {
          for (const band of s.bands) {
            const pieces = band.kind === 'span' ? [band.piece] : band.lanes.flat();
            for (const p of pieces) {
              if (p.block.kind !== 'text') continue;
              expect(splitsTibetanSyllable(p.block.text, p.from), p.block.text.slice(p.from - 5, p.from + 5)).toBe(false);
              expect(splitsTibetanSyllable(p.block.text, p.to)).toBe(false);
            }
          }
        }
      });
    }
  }
});

describe('paginate properties', () => {
  const syllable = fc.constantFrom('བོད', 'ཡིག', 'སྲིད', 'གཞུང', 'ཆ', 'འཕྲིན', 'ཁ', 'ཕྱེ', 'སྙན', 'ཞུ', 'ལོ', 'འཁོར', 'རྒྱལ', 'ཁབ', 'ཀྱི', 'བསྐྱར', '2020ལོ');
  const end = fc.constantFrom('་', '་', '་', '་', '། ', ' ');
  const tibetan = fc.array(fc.tuple(syllable, end).map(([s, e]) => s + e), { minLength: 1, maxLength: 300 }).map((parts) => parts.join('').trim());
  it('never cut Tibetan inside a syllable, whatever the budget', () => {
    fc.assert(
      fc.property(fc.array(tibetan, { minLength: 1, maxLength: 6 }), fc.integer({ min: 60, max: 900 }), (texts, budget) => {
        const units: Unit[] = texts.map((text, i) => ({ id: `p${i}`, lanes: [para(text, 'bo')] }));
        const screens = paginate(units, fakeMeasurer(), { budget, gap: GAP, lanes: 1 });
        expectCoverage(units, screens, 1);
        for (const s of screens) {
          for (const p of lanePieces(s, 0)) {
            if (p.block.kind !== 'text') continue;
            expect(splitsTibetanSyllable(p.block.text, p.from)).toBe(false);
            if (!s.overflow) expect(fakeBlockHeight(p.block, p.from, p.to)).toBeLessThanOrEqual(budget);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
