/**
 * Brotli at its highest quality, for what is compressed once and sent many times: the build's
 * assets (precompress.ts) and pages kept in memory per version (page-brotli.ts). Quality 11 costs
 * ~0.2 s for a 170 kB page, too slow per request, and saves ~30 % over gzip on a report page.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';

const compress = promisify(brotliCompress);

/** Below this, headers outweigh any saving. */
export const MIN_BROTLI_BYTES = 1024;

/** `bytes` (text: JS, CSS, HTML, JSON) compressed at quality 11, off the event loop. */
export async function brotliMax(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = await compress(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
  return new Uint8Array(compressed);
}
