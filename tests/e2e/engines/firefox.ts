/**
 * Firefox ESR (Debian's /usr/bin/firefox-esr) through puppeteer-core over WebDriver BiDi, which
 * Firefox speaks itself (no geckodriver): one headless Firefox per suite, one browser context
 * (a container with its own storage and service workers) per device.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Page } from 'puppeteer-core';
import { EngineDevice } from './device.ts';
import type { Device, DeviceOptions, Driver, Engine } from './engine.ts';
import { openNetworkLink } from './network-link.ts';

export const FIREFOX = process.env.LOTHO_FIREFOX ?? '/usr/bin/firefox-esr';

export function hasFirefox(): boolean {
  return existsSync(FIREFOX);
}

function pageDriver(page: Page, close: () => Promise<void>): Driver {
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    url: () => Promise.resolve(page.url()),
    evaluate: (expression) => page.evaluate(expression),
    click: (selector) => page.click(selector),
    async type(selector, text) {
      await page.locator(selector).fill(text);
    },
    screenshot: async () => Buffer.from(await page.screenshot()),
    close,
  };
}

export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: null,
    extraPrefsFirefox: {
      // The app's Chinese pages: what a PC in a Chinese office asks for first.
      'intl.accept_languages': 'zh-CN, zh',
    },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newDevice(serverURL: string, options: DeviceOptions): Promise<Device> {
      const link = await openNetworkLink(serverURL);
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(options.viewport);
      if (options.userAgent !== undefined) await page.setUserAgent({ userAgent: options.userAgent });
      return new EngineDevice('firefox', link, pageDriver(page, () => context.close()));
    },
    close: () => browser.close(),
  };
}
