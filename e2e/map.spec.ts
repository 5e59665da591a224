import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launch, newContext, shot, signIn } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('project map', () => {
  it('shows the province outline with 信阳市 and recolours by another figure', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'demo.bureau', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '项目地图' }).click();
    await page.waitForURL('**/map');

    // No county boundaries ship: the demo opens on the shipped 河南 outline with its city marked.
    const map = page.getByTestId('region-map');
    await map.locator('canvas').first().waitFor();
    await expect.poll(() => map.getAttribute('aria-label')).toContain('信阳市');
    await page.getByText('河南省轮廓（内置）· 本市：信阳市').waitFor();
    await page.getByText('县区边界需由本地上传（官方地图须有审图号）').waitFor();
    const box = await map.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(300);
    // The canvas has been drawn on (not blank): some pixels differ from the first one.
    const isDrawn = await map.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 4; i < data.length; i += 4 * 97) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
      return false;
    });
    expect(isDrawn).toBe(true);

    // Figures come from the stats API, or the page says they are unavailable; never made up.
    await page.getByText(/按单位排名：实际到位资金/).waitFor();
    await expect.poll(async () => (await page.getByText('统计数据加载中…').count()) === 0, { timeout: 15_000 }).toBe(true);
    await shot(page, 'map-funds');

    await page.getByText('新引进项目', { exact: true }).first().click();
    await page.getByText(/按单位排名：新引进项目/).waitFor();
    await shot(page, 'map-projects');

    // Picking a unit in the ranking shows its figures and a link to its projects.
    const first = page.locator('.ant-list-item').first();
    if (await first.count()) {
      await first.click();
      const link = page.getByRole('link', { name: '查看该单位的项目' });
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(/^\/projects\?unitId=\d+$/);
    }
    await context.close();
  });
});
