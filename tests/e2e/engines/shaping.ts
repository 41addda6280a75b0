/**
 * Tibetan shaping, compared by screenshot with Chromium's: real Tibetan of the seed (the agency's
 * name, the first words of the overview; stacks such as སྤོ རྫོ གྲོ) set in the app's own
 * web font on a report page, photographed, and compared with the same sample as Chromium draws
 * it. Chromium's picture is made once per run (by the Chromium suite, or here when that one did
 * not run first) and kept in artifacts/e2e/engines/chromium/.
 *
 * `broken` draws the sample with the font's stacking and mark features turned off: what an
 * engine without Tibetan shaping would show. It proves the comparison can tell the two apart.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { PNG } from 'pngjs';
import { launchChromium } from './chromium.ts';
import type { Device } from './engine.ts';
import { crop, readPng, writePng, type Rect } from './images.ts';
import { TIBETAN_FAMILY, ReaderScreens } from './pages/ReaderScreens.ts';
import { REPORT_ID, SEED } from '../support/content.ts';
import { ENGINE_ARTIFACTS, PHONE } from './suite.ts';

/**
 * The sample, one line each, short enough for a 360 px screen at 28 px. Tibetan letters only:
 * digits and spaces would come from each engine's own fallback font, not from ours.
 */
export function sampleLines(): string[] {
  const syllables = SEED.agencyBo.split('་');
  const half = Math.ceil(syllables.length / 2);
  const tibetan = (text: string): string => text.replace(/[^\u0F00-\u0FFF]/gu, '');
  return [syllables.slice(0, half).join('་'), syllables.slice(half).join('་'), tibetan(SEED.overviewBo)];
}

/** The features that stack consonants and place vowel signs (OpenType ccmp, abvs/blws, marks). */
const UNSHAPED = '"ccmp" 0, "abvs" 0, "blws" 0, "abvm" 0, "blwm" 0, "mark" 0, "mkmk" 0';

/** Draws the sample on the open page and photographs it. */
export async function renderSample(device: Device, options: { broken?: boolean } = {}): Promise<PNG> {
  const rect = await device.evaluate(
    async ({ lines, family, features }) => {
      document.getElementById('e2e-tibetan-sample')?.remove();
      const sample = document.createElement('div');
      sample.id = 'e2e-tibetan-sample';
      sample.lang = 'bo';
      sample.textContent = lines.join('\n');
      const style = sample.style;
      style.cssText = `position:fixed;left:0;top:0;z-index:2147483647;margin:0;padding:8px 12px;white-space:pre;background:#fff;color:#000;font:28px/56px "${family}";font-feature-settings:${features ?? 'normal'}`;
      document.body.append(sample);
      await document.fonts.load(`28px "${family}"`, lines.join(''));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const box = sample.getBoundingClientRect();
      return { x: box.x * devicePixelRatio, y: box.y * devicePixelRatio, width: box.width * devicePixelRatio, height: box.height * devicePixelRatio };
    },
    { lines: sampleLines(), family: TIBETAN_FAMILY, features: options.broken === true ? UNSHAPED : null },
  );
  const shot = readPng(await device.screenshot(join(ENGINE_ARTIFACTS, device.engine, 'tibetan-sample-page.png')));
  return crop(shot, rect satisfies Rect);
}

/** Opens the Tibetan report (its font loaded) and draws the sample. */
export async function sampleOnReport(device: Device, options: { broken?: boolean } = {}): Promise<PNG> {
  await new ReaderScreens(device).openReport('bo', REPORT_ID, 2020);
  return renderSample(device, options);
}

const REFERENCE = join(ENGINE_ARTIFACTS, 'chromium', 'tibetan-sample.png');

/** Chromium's picture of the sample, made in this run. */
export async function chromiumReference(serverURL: string): Promise<PNG> {
  if (existsSync(REFERENCE) && statSync(REFERENCE).mtimeMs >= inject('runStartedAt')) return readPng(readFileSync(REFERENCE));
  const chromium = await launchChromium();
  try {
    const device = await chromium.newDevice(serverURL, { viewport: PHONE });
    const sample = await sampleOnReport(device);
    await device.close();
    keepReference(sample);
    return sample;
  } finally {
    await chromium.close();
  }
}

export function keepReference(sample: PNG): void {
  writePng(REFERENCE, sample);
}
