/**
 * Text recognition for a scanned PDF, loaded only when a scan comes: the CLI and the server's
 * bulk import start without Tesseract's module (never in a browser: the app passes no recogniser).
 */
import type { OcrResult } from './tesseract.ts';

export async function recogniseScan(pdf: Uint8Array): Promise<OcrResult> {
  return (await import('./tesseract.ts')).recognisePdf(pdf);
}
