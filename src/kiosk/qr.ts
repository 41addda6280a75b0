/**
 * The QR code on every kiosk screen: the report's address in the language shown, generated on the
 * device (uqr, no network) and drawn as one SVG path, so a phone opens the same report in the same
 * language.
 */
import { encode } from 'uqr';
import type { Lang } from '../report/model.ts';

/** The reader's address of report `id` in `lang` (the app's own route, router.ts). */
export function reportUrl(origin: string, lang: Lang, id: string): string {
  return `${origin.replace(/\/+$/u, '')}/${lang}/reports/${encodeURIComponent(id)}`;
}

/** A QR code as an SVG path over a `size`×`size` grid (quiet zone included). */
export interface QrDrawing {
  size: number;
  path: string;
}

/** The QR code of `text` (error correction M: a dusty screen still scans), as one path. */
export function qrDrawing(text: string): QrDrawing {
  const qr = encode(text, { ecc: 'M', border: 2 });
  const parts: string[] = [];
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (row[x] !== true) {
        x += 1;
        continue;
      }
      // One rectangle per horizontal run of dark modules.
      let end = x;
      while (row[end] === true) end += 1;
      parts.push(`M${x} ${y}h${end - x}v1h${x - end}z`);
      x = end;
    }
  });
  return { size: qr.size, path: parts.join('') };
}
