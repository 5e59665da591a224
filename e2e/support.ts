import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { inject } from 'vitest';

export { ADMIN_PASSWORD, DEMO_PASSWORD } from './global-setup.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('e2e/screenshots');

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    locale: opts.locale ?? 'zh-CN',
  });
  // Fail a step within seconds, with the locator named, instead of timing out the whole test.
  context.setDefaultTimeout(15_000);
  return context;
}

/** Save a screenshot under e2e/screenshots (git-ignored) to look at after the run. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A new browser context (desktop unless `opts` says otherwise) with a page signed in as `username`. */
export async function signedInPage(
  browser: Browser,
  username: string,
  password: string,
  opts: { width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, opts);
  const page = await context.newPage();
  await signIn(page, username, password);
  return { context, page };
}

/** Sign in through the login page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

/**
 * Click a button that sends a request and return the response. A click that lands while a modal
 * is still opening can be lost; when no matching request answered and the button is still there
 * and enabled, click again (at most three times).
 */
export async function clickForResponse(page: Page, button: Locator, matches: (response: Response) => boolean): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const answered = page.waitForResponse(matches, { timeout: 8_000 });
    await button.click();
    try {
      return await answered;
    } catch (error) {
      const retry = attempt < 3 && (await button.isVisible()) && (await button.isEnabled()) && !(await button.locator('.ant-btn-loading-icon').count());
      if (!retry) throw error;
    }
  }
}

/**
 * Click `option` in the dropdown of the antd Select `select` until `done` shows, opening the
 * dropdown (and typing `search` into a searchable one) when it is closed: a click that lands while
 * the dropdown is still opening selects nothing, so check and pick again (at most three times).
 */
export async function pickOption(select: Locator, option: Locator, done: Locator, search?: string): Promise<void> {
  const page = select.page();
  for (let attempt = 0; attempt < 3 && !(await done.isVisible()); attempt++) {
    if (!(await select.evaluate((el) => el.classList.contains('ant-select-open')))) {
      await select.click();
      if (search) await page.keyboard.type(search);
    }
    await option.click();
    await done.waitFor({ timeout: 1_500 }).catch(() => undefined);
  }
  await done.waitFor();
}
