/**
 * Grey page images as pdftoppm writes them (binary PGM, P5), and the one clean-up text recognition
 * needs on a report page: its table rulings erased. Tesseract reads a row of a ruled table as
 * noise (the lines cut the glyphs and hide single-digit cells); with the rulings gone, the same
 * rows read as words and figures separated by space, as in a PDF's text.
 */

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  pixels: Uint8Array;
}

function token(bytes: Uint8Array, at: { i: number }): string {
  // Skip whitespace and # comments, then read up to the next whitespace.
  for (;;) {
    while (at.i < bytes.length && /\s/u.test(String.fromCharCode(bytes[at.i] ?? 0))) at.i += 1;
    if (bytes[at.i] !== 0x23) break;
    while (at.i < bytes.length && bytes[at.i] !== 0x0a) at.i += 1;
  }
  let text = '';
  while (at.i < bytes.length && !/\s/u.test(String.fromCharCode(bytes[at.i] ?? 0))) text += String.fromCharCode(bytes[at.i++] ?? 0);
  return text;
}

/** Parses a binary PGM with 8-bit samples. */
export function readPgm(bytes: Uint8Array): GreyImage {
  const at = { i: 0 };
  if (token(bytes, at) !== 'P5') throw new Error('not a binary PGM');
  const width = Number(token(bytes, at));
  const height = Number(token(bytes, at));
  const max = Number(token(bytes, at));
  if (!(width > 0 && height > 0 && max > 0 && max < 256)) throw new Error('unsupported PGM');
  const start = at.i + 1;
  return { width, height, pixels: bytes.slice(start, start + width * height) };
}

export function writePgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.pixels.length);
  out.set(header);
  out.set(image.pixels, header.length);
  return out;
}

const DARK = 128;
// Pixels a ruling may miss and still be one ruling (broken toner, speckles).
const MAX_GAP = 4;

/**
 * Erases table rulings: dark runs at least `minRun` pixels long, horizontal and vertical. A scan is
 * a little skewed, so a ruling wanders by a pixel every hundred or so: a run is traced over three
 * neighbouring rows (columns), and every dark pixel of those under it is erased. Glyph strokes are
 * far shorter than a ruling at report resolutions (a character is ~1/6 inch), so text is kept.
 */
export function eraseRulings(image: GreyImage, minRun: number): GreyImage {
  const { width, height, pixels } = image;
  const out = pixels.slice();
  const dark = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && (pixels[y * width + x] ?? 255) < DARK;
  const eraseAround = (x: number, y: number, alongX: boolean): void => {
    for (let d = -1; d <= 1; d += 1) {
      const px = alongX ? x : x + d;
      const py = alongX ? y + d : y;
      if (dark(px, py)) out[py * width + px] = 255;
    }
  };
  // Runs along one line of pixels (a row, or a column), bridging gaps of a few pixels where the
  // toner failed or a speckle sits; `on(i)` says whether position i is dark near that line.
  const runs = (length: number, on: (i: number) => boolean, erase: (from: number, to: number) => void): void => {
    let start = -1;
    let last = -1;
    for (let i = 0; i <= length; i += 1) {
      const dark = i < length && on(i);
      if (dark) {
        if (start < 0) start = i;
        last = i;
      } else if (start >= 0 && (i === length || i - last > MAX_GAP)) {
        if (last + 1 - start >= minRun) erase(start, last + 1);
        start = -1;
      }
    }
  };
  for (let y = 0; y < height; y += 1) {
    runs(width, (x) => dark(x, y - 1) || dark(x, y) || dark(x, y + 1), (from, to) => {
      for (let k = from; k < to; k += 1) eraseAround(k, y, true);
    });
  }
  for (let x = 0; x < width; x += 1) {
    runs(height, (y) => dark(x - 1, y) || dark(x, y) || dark(x + 1, y), (from, to) => {
      for (let k = from; k < to; k += 1) eraseAround(x, k, false);
    });
  }
  return { width, height, pixels: out };
}
