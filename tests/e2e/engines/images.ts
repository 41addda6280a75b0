/**
 * Screenshots as images: cropping, comparing one engine's rendering with Chromium's (pixelmatch,
 * anti-aliasing ignored), and putting each engine's screenshot side by side in one PNG for a
 * person to look at (artifacts/e2e/engines/side-by-side/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function readPng(buffer: Buffer): PNG {
  return PNG.sync.read(buffer);
}

export function writePng(path: string, png: PNG): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, PNG.sync.write(png));
}

/** `rect` of `image` (clamped to it), in device pixels. */
export function crop(image: PNG, rect: Rect): PNG {
  const x = Math.max(0, Math.round(rect.x));
  const y = Math.max(0, Math.round(rect.y));
  const width = Math.min(image.width - x, Math.round(rect.width));
  const height = Math.min(image.height - y, Math.round(rect.height));
  const out = new PNG({ width, height });
  PNG.bitblt(image, out, x, y, width, height, 0, 0);
  return out;
}

/** `image` on a white canvas of `width`×`height`, its top left at (`dx`, `dy`) (clipped). */
function padded(image: PNG, width: number, height: number, dx = 0, dy = 0): PNG {
  const out = new PNG({ width, height, fill: true });
  out.data.fill(255);
  const sx = Math.max(0, -dx);
  const sy = Math.max(0, -dy);
  const w = Math.min(image.width - sx, width - Math.max(0, dx));
  const h = Math.min(image.height - sy, height - Math.max(0, dy));
  if (w > 0 && h > 0) PNG.bitblt(image, out, sx, sy, w, h, Math.max(0, dx), Math.max(0, dy));
  return out;
}

/** Pixels darker than mid-grey: the ink of text on a light background. */
export function inkPixels(image: PNG): number {
  let ink = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const luminance = 0.299 * (image.data[i] ?? 255) + 0.587 * (image.data[i + 1] ?? 255) + 0.114 * (image.data[i + 2] ?? 255);
    if (luminance < 128) ink += 1;
  }
  return ink;
}

/** Ink density (0–1) of each `cell`×`cell` block of `image` (`width`×`height`). */
function inkGrid(image: PNG, width: number, height: number, cell: number): Float64Array {
  const columns = Math.ceil(width / cell);
  const grid = new Float64Array(columns * Math.ceil(height / cell));
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const i = (y * image.width + x) * 4;
      const luminance = 0.299 * (image.data[i] ?? 255) + 0.587 * (image.data[i + 1] ?? 255) + 0.114 * (image.data[i + 2] ?? 255);
      const index = Math.floor(y / cell) * columns + Math.floor(x / cell);
      grid[index] = (grid[index] ?? 0) + (255 - luminance) / 255 / (cell * cell);
    }
  }
  return grid;
}

export interface Difference {
  /**
   * The share of the ink that is somewhere else (0 same place, 2 nowhere near): each image as
   * the distribution of its ink over 4×4 px blocks, so that an engine's own anti-aliasing (WebKit
   * draws thinner strokes) and sub-pixel placement count for little, and a stack drawn beside its
   * letter instead of below it counts fully.
   */
  ratio: number;
  /** How far `image` had to be moved to match best (px; dy > 0: moved down, it sat higher than the reference). */
  shift: { dx: number; dy: number };
  /** What pixelmatch sees (red), the size of the larger image: for a person. */
  diff: PNG;
}

const CELL = 4;
/**
 * How far the comparison looks for the text: a few pixels sideways (sub-pixel placement), more up
 * and down, so that a line placed differently (WebKit, which ignores @font-face's ascent-override,
 * drew Tibetan 6 px higher while the font file had other metrics) is measured and reported by
 * `shift`, not mistaken for different shaping.
 */
const SHIFT_X = 3;
const SHIFT_Y = 12;

/** The grid scaled to a total of 1. */
function distribution(grid: Float64Array): Float64Array {
  const total = grid.reduce((sum, value) => sum + value, 0);
  return grid.map((value) => value / Math.max(Number.EPSILON, total));
}

function moved(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum;
}

/** How far `image` is from `reference`, at the shift that brings them closest. */
export function difference(reference: PNG, image: PNG): Difference {
  const width = Math.max(reference.width, image.width) + SHIFT_X;
  const height = Math.max(reference.height, image.height) + SHIFT_Y;
  const base = padded(reference, width, height);
  const a = distribution(inkGrid(base, width, height, CELL));
  let best = { ratio: Infinity, dx: 0, dy: 0 };
  for (let dy = -SHIFT_Y; dy <= SHIFT_Y; dy += 1) {
    for (let dx = -SHIFT_X; dx <= SHIFT_X; dx += 1) {
      const ratio = moved(a, distribution(inkGrid(padded(image, width, height, dx, dy), width, height, CELL)));
      if (ratio < best.ratio) best = { ratio, dx, dy };
    }
  }
  const diff = new PNG({ width, height });
  pixelmatch(base.data, padded(image, width, height, best.dx, best.dy).data, diff.data, width, height, { threshold: 0.2 });
  return { ratio: best.ratio, shift: { dx: best.dx, dy: best.dy }, diff };
}

/** Images next to each other, top-aligned, 16 px apart, on white. */
export function sideBySide(images: PNG[]): PNG {
  const gap = 16;
  const width = images.reduce((sum, image) => sum + image.width, 0) + gap * Math.max(0, images.length - 1);
  const height = images.reduce((max, image) => Math.max(max, image.height), 0);
  const out = new PNG({ width, height });
  out.data.fill(255);
  let x = 0;
  for (const image of images) {
    PNG.bitblt(image, out, 0, 0, image.width, image.height, x, 0);
    x += image.width + gap;
  }
  return out;
}
