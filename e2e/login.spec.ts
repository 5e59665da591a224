import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launch, newContext, shot, signIn } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('sign in', () => {
  it('shows a clear message for a wrong password, then signs in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'admin', 'not-the-password-1');
    await page.getByText('用户名或密码错误').waitFor();
    await shot(page, 'login-wrong-password');
    expect(page.url()).toContain('/login');

    await page.locator('#password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '组织架构' }).waitFor();
    await shot(page, 'home-zh');
    await context.close();
  });

  it('switches the language to English and back', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, 'login-en');
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('menuitem', { name: /Organisation|Org/ }).first().waitFor();
    await shot(page, 'home-en');
    // The choice is remembered across a reload.
    await page.reload();
    await page.getByRole('menuitem', { name: /Organisation|Org/ }).first().waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '组织架构' }).waitFor();
    await context.close();
  });
});
