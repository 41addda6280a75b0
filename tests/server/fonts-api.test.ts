/**
 * GET /api/fonts/tibetan-word: the Tibetan font a Word file made in the browser embeds, cut by the
 * server to the letters it is asked for; for signed-in officials, letters of the Tibetan block only,
 * each set made once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../src/contract/errors.ts';
import { WORD_FONT_PATH, parseWordFontLetters, wordFontLetters } from '../../src/contract/fonts.ts';
import { fontFormatOf } from '../../src/fonts/subset.ts';
import { bearer, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);
// The route reads only the session: one database is enough.
const [{ create: sqliteDatabase }] = DATABASES;
const TEXT = 'བོད་ལྗོངས་ཀྱི་སྲིད་གཞུང་། 国办';

describe('the letters of a Word file’s Tibetan', () => {
  it('are its Tibetan code points, composed and decomposed, sorted, in hex; nothing else', () => {
    // ཀ ྱ ི, and U+0F73 with the two signs it decomposes to (U+0F71 U+0F72).
    const letters = wordFontLetters('ཀྱི \u0F73 国办 2020');
    expect(letters).toBe('f40,f71,f72,f73,fb1');
    expect(parseWordFontLetters(letters)).toEqual(letters.split(',').map((hex) => Number.parseInt(hex, 16)));
    expect(wordFontLetters('国办 2020')).toBe('');
  });

  it('refuse anything but Tibetan code points', () => {
    for (const bad of [undefined, '', '4e2d', 'f40,zz', 'f40,,f41', '0f40f41', 'f40;f41']) expect(parseWordFontLetters(bad), String(bad)).toBeUndefined();
  });
});

describe('GET /api/fonts/tibetan-word', () => {
  it('answers a signed-in official the font cut to the letters, as TrueType', { timeout: 120_000 }, async () => {
    const { app } = await apiSetup(await database(sqliteDatabase));
    const path = `${WORD_FONT_PATH}?letters=${wordFontLetters(TEXT)}`;
    expect((await app.request(path)).status).toBe(401);
    const response = await app.request(path, bearer(await login(app, 'editor-a')));
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('font/ttf');
    const font = new Uint8Array(await response.arrayBuffer());
    expect(fontFormatOf(font)).toBe('sfnt');
    // Far less than the whole font's 700 KB of TrueType.
    expect(font.byteLength).toBeGreaterThan(10_000);
    expect(font.byteLength).toBeLessThan(300_000);
  });

  it('makes each set of letters once, and refuses other queries with invalid_query', async () => {
    const asked: string[] = [];
    const { app } = await apiSetup(await database(sqliteDatabase), {
      wordFont: (text) => {
        asked.push(text);
        return Promise.resolve(new Uint8Array([0, 1, 0, 0, asked.length]));
      },
    });
    const token = await login(app, 'editor-a');
    const get = (letters: string) => app.request(`${WORD_FONT_PATH}?letters=${letters}`, bearer(token));
    const first = new Uint8Array(await (await get('f40,f41')).arrayBuffer());
    const again = new Uint8Array(await (await get('f41,f40')).arrayBuffer());
    expect([...again]).toEqual([...first]);
    expect(asked).toEqual(['\u0F40\u0F41']);
    expect((await get('f40,f42')).status).toBe(200);
    expect(asked).toHaveLength(2);
    for (const bad of ['', '4e2d', 'f40,zz']) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect(((await response.json()) as ApiErrorBody).error.code).toBe('invalid_query');
    }
  });
});
