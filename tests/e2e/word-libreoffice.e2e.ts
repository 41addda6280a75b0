/**
 * The seed's Word files as LibreOffice prints them (issue 11, "Word files that open anywhere"):
 * `soffice --headless --convert-to pdf`, then the PDF is read back (pdfjs for which font draws each
 * letter, poppler's pdftotext for line boxes, pdffonts for embedding) and drawn with pdftoppm into
 * artifacts/e2e/word/ to look at.
 *
 * LibreOffice runs with a fontconfig that hides every installed font covering Tibetan and accepts
 * only the fonts it unpacks from the document into its profile, so a Tibetan glyph can come from the
 * embedded font or from nowhere (tofu), on any machine. The Word files are made as `lotho import
 * --format docx` makes them (the font subset with docxTibetanFont).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxTibetanFont } from '../../src/fonts/tibetan.ts';
import { toDocx } from '../../src/report/export/docx.ts';
import { ZH_MESSAGES, type MessageTree } from '../../src/report/labels.ts';
import type { Lang, ReportDocument } from '../../src/report/model.ts';
import { loadSeedReport } from '../../src/server/seed.ts';
import { artifact } from './support/browser.ts';

const run = promisify(execFile);
const BO = JSON.parse(readFileSync(new URL('../../locales/bo.json', import.meta.url), 'utf8')) as MessageTree;
const LANGS: readonly Lang[] = ['zh', 'bo'];
const TIBETAN = /[\u0F00-\u0FFF]/gu;

let work: string;
let report: ReportDocument;
const pdfs = new Map<Lang, string>();
const docxSizes = new Map<Lang, number>();

/** fontconfig for LibreOffice: the system's fonts, but none with Tibetan unless it comes from the document. */
function fontConfig(profile: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="no">/etc/fonts/fonts.conf</include>
  <cachedir>${join(work, 'fontconfig-cache')}</cachedir>
  <selectfont>
    <acceptfont><glob>${profile}/*</glob></acceptfont>
    <rejectfont><pattern><patelt name="lang"><string>bo</string></patelt></pattern></rejectfont>
  </selectfont>
</fontconfig>
`;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lotho-word-'));
  report = await loadSeedReport();
  const profile = join(work, 'profile');
  writeFileSync(join(work, 'fonts.conf'), fontConfig(profile));
  const files: string[] = [];
  for (const lang of LANGS) {
    const bytes = await toDocx(report, lang, lang === 'zh' ? ZH_MESSAGES : BO, { tibetanFont: docxTibetanFont });
    docxSizes.set(lang, bytes.byteLength);
    const file = join(work, `seed-${lang}.docx`);
    writeFileSync(file, bytes);
    files.push(file);
    pdfs.set(lang, join(work, `seed-${lang}.pdf`));
  }
  // One LibreOffice for both files, with a profile of its own (no clash with another soffice).
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...files], {
    env: { ...process.env, FONTCONFIG_FILE: join(work, 'fonts.conf') },
    timeout: 170_000,
  });
  const shots = artifact('word');
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  for (const lang of LANGS) await run('pdftoppm', ['-png', '-r', '60', pdfs.get(lang) ?? '', join(shots, `seed-${lang}`)]);
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function pdfOf(lang: Lang): string {
  const file = pdfs.get(lang);
  if (file === undefined) throw new Error(`no PDF for ${lang}`);
  return file;
}

/** The text each font of the PDF draws (pdfjs maps glyphs back to text through the PDF's ToUnicode). */
async function textByFont(file: string): Promise<Map<string, string>> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const byFont = new Map<string, string>();
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    await page.getOperatorList(); // loads the page's fonts, whose names the text items refer to
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const font = page.commonObjs.get(item.fontName) as { name: string };
      byFont.set(font.name, (byFont.get(font.name) ?? '') + item.str);
    }
  }
  await pdf.destroy();
  return byFont;
}

interface Box {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of each page with their boxes (pdftotext -bbox-layout: a box spans the font's ascent and descent). */
async function wordsByPage(file: string): Promise<Box[][]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const number = (attributes: string, name: string): number => Number(new RegExp(`${name}="([-\\d.]+)"`, 'u').exec(attributes)?.[1]);
  return [...stdout.matchAll(/<page [^>]*>(.*?)<\/page>/gsu)].map(([, page = '']) =>
    [...page.matchAll(/<word ([^>]*)>([^<]*)<\/word>/gu)].map(([, attributes = '', text = '']) => ({
      text,
      xMin: number(attributes, 'xMin'),
      yMin: number(attributes, 'yMin'),
      xMax: number(attributes, 'xMax'),
      yMax: number(attributes, 'yMax'),
    })),
  );
}

const TOLERANCE = 0.5; // points

/** The first lines of a page: its words in order, a new line wherever a word starts below the last one's box. */
function firstLines(words: readonly Box[], count: number): string[] {
  const lines: string[][] = [];
  let bottom = -Infinity;
  for (const word of words) {
    if (word.yMin >= bottom - TOLERANCE) {
      if (lines.length === count) break;
      lines.push([]);
    }
    lines.at(-1)?.push(word.text);
    bottom = Math.max(bottom, word.yMax);
  }
  return lines.map((line) => line.join(''));
}

/** Whether `inner`'s height lies within `outer`'s: pieces of one printed line (a digit in another font, a vowel sign). */
function withinHeight(inner: Box, outer: Box): boolean {
  return inner.yMin >= outer.yMin - TOLERANCE && inner.yMax <= outer.yMax + TOLERANCE;
}

/**
 * Whether two words are drawn over each other: they share more than a hair both across and down,
 * and are not pieces of one line (one's height within the other's). Words of two lines set too
 * close share a band of their heights, each sticking out of the other.
 */
function overlap(a: Box, b: Box): boolean {
  const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  return across > TOLERANCE && down > TOLERANCE && !withinHeight(a, b) && !withinHeight(b, a);
}

describe('the seed as a Word file, printed by LibreOffice', () => {
  it('is printed without any installed Tibetan font: the test sees only the document’s', async () => {
    const { stdout } = await run('fc-list', [':lang=bo', 'file'], { env: { ...process.env, FONTCONFIG_FILE: join(work, 'fonts.conf') } });
    expect(stdout.trim()).toBe('');
  });

  it('draws every Tibetan letter of the Tibetan file with the embedded Noto Serif Tibetan (no tofu, no fallback)', async () => {
    const byFont = await textByFont(pdfOf('bo'));
    const tibetanIn = (predicate: (name: string) => boolean): number =>
      [...byFont].filter(([name]) => predicate(name)).reduce((count, [, text]) => count + (text.match(TIBETAN) ?? []).length, 0);
    const isTibetanFont = (name: string): boolean => /NotoSerifTibetan/u.test(name);
    // The seed's Tibetan runs to thousands of letters; all of them come from the embedded font.
    expect(tibetanIn(isTibetanFont)).toBeGreaterThan(5000);
    expect(tibetanIn((name) => !isTibetanFont(name)), [...byFont.keys()].join(', ')).toBe(0);
    const { stdout } = await run('pdffonts', [pdfOf('bo')]);
    const line = stdout.split('\n').find((row) => row.includes('NotoSerifTibetan'));
    // name, type, encoding, then emb: the font is in the PDF, so LibreOffice had its outlines.
    expect(line?.split(/\s+/u).slice(-5, -4)).toEqual(['yes']);
  });

  it('keeps the Tibetan Word file small (the font cut to the letters used)', () => {
    expect(docxSizes.get('bo')).toBeLessThan(160_000);
  });

  it('sets the Chinese title in two lines, agency then year, the second below the first', async () => {
    const [page] = await wordsByPage(pdfOf('zh'));
    expect(firstLines(page ?? [], 2)).toEqual([report.meta.agency.zh, `${String(report.meta.year)}年政府信息公开工作年度报告`]);
  });

  it.each(LANGS)('prints no line over another on any page (%s)', async (lang) => {
    const pages = await wordsByPage(pdfOf(lang));
    expect(pages.length).toBeGreaterThan(1);
    const overlaps = pages.flatMap((words, page) =>
      words.flatMap((a, index) => words.slice(index + 1).filter((b) => overlap(a, b)).map((b) => `page ${String(page + 1)}: "${a.text}" × "${b.text}"`)),
    );
    expect(overlaps).toEqual([]);
  });
});
