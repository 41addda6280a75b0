// @vitest-environment happy-dom
/**
 * The editor's Word download (useDraftExport): a Tibetan file embeds the font the server cuts to its
 * letters; without a network the file only names the font, and the official is told.
 */
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { WORD_FONT_PATH } from '../../../src/contract/fonts.ts';
import { useDraftExport } from '../../../src/composables/useDraftExport.ts';
import { seedReport } from '../helpers.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The files the composable saved (its object URLs' blobs). */
function savedFiles(): Blob[] {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${String(blobs.length)}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  return blobs;
}

async function fontsIn(blob: Blob | undefined): Promise<string[]> {
  const zip = await JSZip.loadAsync(new Uint8Array(await (blob ?? new Blob()).arrayBuffer()));
  return Object.keys(zip.files).filter((name) => name.endsWith('.odttf'));
}

describe('useDraftExport: Word', () => {
  it('embeds the Tibetan font the server cuts to the file’s letters', async () => {
    const blobs = savedFiles();
    const asked: string[] = [];
    vi.stubGlobal('fetch', (input: string) => {
      asked.push(input);
      return Promise.resolve(new Response(new Uint8Array(2048).fill(7), { headers: { 'Content-Type': 'font/ttf' } }));
    });
    const { download, failed, fontLeftOut } = useDraftExport(ref(seedReport()));
    await download('docx', 'bo');
    expect(failed.value).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(new RegExp(`^${WORD_FONT_PATH}\\?letters=f[0-9a-f]{2}(,f[0-9a-f]{2})+$`, 'u'));
    expect(await fontsIn(blobs[0])).toHaveLength(1);
    expect(fontLeftOut.value).toBe(false);
  });

  it('offline: names the font only, and says so', async () => {
    const blobs = savedFiles();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { download, failed, fontLeftOut } = useDraftExport(ref(seedReport()));
    await download('docx', 'bo');
    expect(failed.value).toBe(false);
    expect(await fontsIn(blobs[0])).toEqual([]);
    expect(fontLeftOut.value).toBe(true);
  });

  it('asks for no font for a file without Tibetan', async () => {
    savedFiles();
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { download, fontLeftOut } = useDraftExport(ref(seedReport()));
    await download('docx', 'zh');
    expect(fetch).not.toHaveBeenCalled();
    expect(fontLeftOut.value).toBe(false);
  });
});
