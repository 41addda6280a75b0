/**
 * `npm run fixtures:variants`: the Word, PDF and scanned variants of some real-corpus reports
 * (tests/fixtures/real/<id>/variants/), for the file types the corpus's text reproductions cannot
 * give. Committed with this recipe; the corpus test and bench:import score them against the same
 * expected.json as their source.
 *
 * - source.docx: the report as a Word file in the official layout with the template's merged cells
 *   (Lotho's own Word export), built from expected.json's agency, year, template and cells, and the
 *   source's prose cut at its section headings.
 * - source.pdf: that Word file printed to PDF by LibreOffice (`soffice --convert-to pdf`).
 * - source-scan.pdf: the PDF's pages as a scanner gives them: 200 dpi grey images (pdftoppm), a
 *   slight skew, speckles and broken toner from a fixed seed, in a PDF with no text layer.
 *
 * Deterministic in content: the same inputs give the same pages and pixels (the PDF's creation
 * date from LibreOffice aside). Needs soffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDocx } from '../../src/report/export/docx.ts';
import { ZH_MESSAGES } from '../../src/report/labels.ts';
import { SECTION_KEYS, type ReportDocument, type SectionKey } from '../../src/report/model.ts';
import { readPgm, type GreyImage } from '../../src/report/import/ocr/pgm.ts';
import { imagePdf } from './image-pdf.ts';
import { REAL_CORPUS, readExpected } from './real-corpus.ts';

/** Fixtures with whole tables, of both templates and several layouts. */
export const VARIANT_FIXTURES = ['cn-quyang-zhuangke-2020', 'cn-jiaxian-xizhen-2022', 'cn-longgang-qubumen-2024'];

const SCAN_DPI = 200;

const HEADING: Record<SectionKey, RegExp> = {
  overview: /^\s*[一1][、.．]\s*\S*总体情况/u,
  active: /^\s*[二2][、.．]\s*\S*主动公开/u,
  requests: /^\s*[三3][、.．]\s*\S*(?:申请|收到)/u,
  appeals: /^\s*[四4][、.．]\s*\S*(?:复议|诉讼)/u,
  problems: /^\s*[五5][、.．]\s*\S*问题/u,
  other: /^\s*[六6][、.．]\s*\S*其他/u,
};

/** The source's prose per section: its lines after the heading that are not table lines. */
function proseOf(source: string): Partial<Record<SectionKey, string>> {
  const out: Partial<Record<SectionKey, string[]>> = {};
  let current: SectionKey | undefined;
  for (const line of source.split('\n')) {
    const heading = SECTION_KEYS.find((key) => HEADING[key].test(line));
    if (heading !== undefined) {
      current = heading;
      out[heading] = [];
      continue;
    }
    const text = line.trim();
    // Prose is a sentence: long, with 。 or ， and no table cell separators.
    if (current === undefined || text.length < 12 || text.includes('|') || !/[。，]/u.test(text)) continue;
    out[current]?.push(text);
  }
  return Object.fromEntries(Object.entries(out).map(([k, lines]) => [k, lines.join('\n')]));
}

function reportOf(id: string): ReportDocument {
  const expected = readExpected(id);
  const dir = join(REAL_CORPUS, id);
  const sourceName = readdirSync(dir).find((n) => n.startsWith('source.')) ?? 'source.txt';
  const prose = proseOf(readFileSync(join(dir, sourceName), 'utf8'));
  const sections: ReportDocument['sections'] = {};
  for (const key of SECTION_KEYS) sections[key] = { zh: prose[key] ?? '', original: 'zh', translationReviewed: false };
  if (expected.year === null) throw new Error(`${id}: no year`);
  return {
    schema: 1,
    id,
    meta: { agency: { zh: expected.agency ?? '' }, level: 'township', year: expected.year, template: expected.template },
    sections,
    cells: expected.cells,
    units: expected.units ?? {},
  };
}

/** A seeded generator (mulberry32): the same noise every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A scanner's page: rotated by `degrees` about the centre, grey speckles, a lighter paper. */
function scanned(page: GreyImage, degrees: number, seed: number): GreyImage {
  const { width, height, pixels } = page;
  const out = new Uint8Array(width * height).fill(245);
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  const next = random(seed);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      let value = sx >= 0 && sy >= 0 && sx < width && sy < height ? (pixels[sy * width + sx] ?? 255) : 245;
      value = Math.min(245, value);
      // Speckles, and toner that fails in places; no grain on the paper (it would not compress).
      const r = next();
      if (r < 0.002) value = 40;
      else if (value < 128 && r > 0.97) value = 170;
      out[y * width + x] = value;
    }
  }
  return { width, height, pixels: out };
}

async function makeVariants(id: string): Promise<void> {
  const dir = join(REAL_CORPUS, id, 'variants');
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'lotho-variants-'));
  try {
    const docx = await toDocx(reportOf(id), 'zh', ZH_MESSAGES);
    writeFileSync(join(dir, 'source.docx'), docx);
    writeFileSync(join(work, 'source.docx'), docx);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, join(work, 'source.docx')], { stdio: 'ignore' });
    const pdf = readFileSync(join(work, 'source.pdf'));
    writeFileSync(join(dir, 'source.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(SCAN_DPI), '-gray', join(work, 'source.pdf'), join(work, 'page')]);
    const pages = readdirSync(work).filter((n) => n.endsWith('.pgm')).sort();
    const images = pages.map((name, i) => scanned(readPgm(new Uint8Array(readFileSync(join(work, name)))), i % 2 === 0 ? 0.4 : -0.3, 1000 + i));
    writeFileSync(join(dir, 'source-scan.pdf'), imagePdf(images, SCAN_DPI));
    console.log(`${id}: source.docx, source.pdf, source-scan.pdf (${images.length} pages)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

for (const id of process.argv.slice(2).length > 0 ? process.argv.slice(2) : VARIANT_FIXTURES) await makeVariants(id);
