/**
 * Chromium (Debian's /usr/bin/chromium) through playwright-core, as the Chromium-only suites
 * drive it: one headless browser per suite, one browser context (a profile) per device.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/app-server.ts';
import { EngineDevice } from './device.ts';
import type { Device, DeviceOptions, Driver, Engine } from './engine.ts';
import { openNetworkLink } from './network-link.ts';

function pageDriver(page: Page, close: () => Promise<void>): Driver {
  return {
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    url: () => Promise.resolve(page.url()),
    evaluate: (expression) => page.evaluate(expression),
    click: (selector) => page.click(selector),
    async type(selector, text) {
      const field = page.locator(selector);
      await field.fill('');
      await field.pressSequentially(text);
    },
    screenshot: () => page.screenshot(),
    close,
  };
}

export async function launchChromium(): Promise<Engine> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  return {
    name: 'chromium',
    version: browser.version(),
    async newDevice(serverURL: string, options: DeviceOptions): Promise<Device> {
      const link = await openNetworkLink(serverURL);
      const context = await browser.newContext({
        viewport: options.viewport,
        locale: 'zh-CN',
        serviceWorkers: 'allow',
        ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      });
      const page = await context.newPage();
      return new EngineDevice('chromium', link, pageDriver(page, () => context.close()));
    },
    close: () => browser.close(),
  };
}
