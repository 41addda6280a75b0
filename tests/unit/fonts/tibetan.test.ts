import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontFormatOf } from '../../../src/fonts/subset.ts';
import { docxTibetanFontForMany, readTibetanFont, subsetTibetanFont, tibetanTextOf, TIBETAN_FONT_FILE } from '../../../src/fonts/tibetan.ts';

describe('the Tibetan font, subset', () => {
  it('keeps only the Tibetan of a mixed text, with its spaces and line breaks', () => {
    expect(tibetanTextOf('《སྲོལ་ཡིག》(国办 2019) བཅས་')).toBe('\nསྲོལ་ཡིག\n \n བཅས་');
  });

  it('reads the file the app serves', async () => {
    const font = Buffer.from(await readTibetanFont());
    expect(font.byteLength).toBeGreaterThan(100_000);
    expect(font.equals(readFileSync(TIBETAN_FONT_FILE))).toBe(true);
  });

  it('makes a small WOFF2 for a page and a larger sfnt for Word from the same text', async () => {
    const text = '国办公开办函 བོད་ལྗོངས་ཀྱི་སྲིད་གཞུང་';
    const page = await subsetTibetanFont(text, { glyphs: 'shaped' });
    const word = await subsetTibetanFont(text, { format: 'sfnt' });
    expect(fontFormatOf(page)).toBe('woff2');
    expect(fontFormatOf(word)).toBe('sfnt');
    expect(page.byteLength).toBeLessThan(word.byteLength);
    expect(page.byteLength).toBeLessThan((await readTibetanFont()).byteLength / 10);
  }, 300_000);

  it('serves many Word files from one subset, made again only when a file brings a new letter', async () => {
    const fontFor = docxTibetanFontForMany();
    const first = fontFor('国办 བོད་ལྗོངས་');
    expect(fontFor('ལྗོངས་བོད་')).toBe(first);
    const grown = fontFor('བོད་ལྗོངས་ཀྱི་');
    expect(grown).not.toBe(first);
    expect(fontFormatOf(await grown)).toBe('sfnt');
    expect((await grown).byteLength).toBeGreaterThan((await first).byteLength);
    expect(fontFor('ཀྱི་')).toBe(grown);
  }, 300_000);
});
