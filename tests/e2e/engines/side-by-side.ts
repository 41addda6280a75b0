/**
 * After every suite ran: each screenshot that two or more engines took in this run, side by side
 * in one PNG (chromium, webkit, firefox, left to right) under artifacts/e2e/engines/side-by-side/.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../support/app-server.ts';
import type { EngineName } from './engine.ts';
import { readPng, sideBySide, writePng } from './images.ts';

/** artifacts/e2e/engines/: a folder per engine, and side-by-side/. */
export const ENGINE_ARTIFACTS = join(ARTIFACTS, 'engines');

const ORDER: readonly EngineName[] = ['chromium', 'webkit', 'firefox'];

/** Composes the screenshots written since `since` (ms); returns the files written. */
export function composeScreenshots(since: number): string[] {
  const fresh = new Map<string, EngineName[]>();
  for (const engine of ORDER) {
    const folder = join(ENGINE_ARTIFACTS, engine);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder)) {
      if (!file.endsWith('.png') || statSync(join(folder, file)).mtimeMs < since) continue;
      fresh.set(file, [...(fresh.get(file) ?? []), engine]);
    }
  }
  const written: string[] = [];
  for (const [file, engines] of fresh) {
    if (engines.length < 2) continue;
    const out = join(ENGINE_ARTIFACTS, 'side-by-side', `${file.replace(/\.png$/u, '')}.${engines.join('-')}.png`);
    writePng(out, sideBySide(engines.map((engine) => readPng(readFileSync(join(ENGINE_ARTIFACTS, engine, file))))));
    written.push(out);
  }
  return written;
}
