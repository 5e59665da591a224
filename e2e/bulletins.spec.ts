import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '../src/shared/api/bulletins.js';
import type { StatsSummary } from '../src/shared/api/stats.js';
import { DEMO_PASSWORD, launch, newContext, shot, signIn } from './support.js';

// 工作通报 as the city bureau uses it on the demo data: the preview's opening paragraph carries the
// dashboard's numbers for the same period, the ranking is the demo's published run, and the Word
// download holds the same paragraph. Periods and figures come from the page's own requests.

let browser: Browser;
let bureau: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  bureau = await newContext(browser, { height: 1400 });
  page = await bureau.newPage();
  await signIn(page, 'demo.bureau', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '工作通报' }).waitFor();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await shot(page, `bulletins-failed-${ctx.task.name.slice(0, 20)}`).catch(() => undefined);
});
afterAll(async () => {
  await bureau?.close();
  await browser?.close();
});

describe('工作通报', () => {
  it('previews the bulletin with the dashboard’s numbers and downloads the same text as Word', async () => {
    const previewed = page.waitForResponse((r) => r.url().includes('/api/bulletins/preview') && r.status() === 200);
    await page.getByRole('menuitem', { name: '工作通报' }).click();
    const b = (await (await previewed).json()) as Bulletin;
    const opening = page.getByTestId('bulletin-opening');
    await expect(opening.textContent()).resolves.toBe(b.opening.text);
    expect(b.opening.text).toMatch(/^\d{4}年.*全市共引进落实招商引资项目\d+个，签约合同投资额[\d.]+亿元，实际到位市外资金[\d.]+亿元/);

    // The same figures as the dashboard's summary for the same period and unit.
    const summary = (await (await page.request.get(`/api/stats/summary?from=${b.from}&to=${b.to}`)).json()) as StatsSummary;
    for (const name of ['signed_count', 'signed_amount', 'funds_out_of_city']) expect(b.opening.figures[name]).toEqual(summary.figures[name]);
    expect(b.opening.text).toContain(`共引进落实招商引资项目${summary.figures.signed_count!.value}个`);

    // The demo's published run ranks the counties and zones.
    expect(b.ranking?.rows.length).toBeGreaterThan(5);
    await expect(page.getByRole('heading', { name: '二、考核排名' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(b.ranking!.rows[0]!.unitName, { exact: true }).first().isVisible()).resolves.toBe(true);
    await shot(page, 'bulletins-preview');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载 Word/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^信阳市招商引资工作通报_.+\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await file.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(b.opening.text);
  });

  it('rewrites the bulletin for another unit and issue number', async () => {
    const next = page.waitForResponse((r) => r.url().includes('/api/bulletins/preview') && new URL(r.url()).searchParams.get('issueNo') === '5' && r.status() === 200);
    await page.getByLabel('期号').fill('5');
    const b = (await (await next).json()) as Bulletin;
    expect(b.issueLabel).toMatch(/^\d{4}年第5期$/);
    await expect(page.getByText(`（${b.issueLabel}）`).isVisible()).resolves.toBe(true);
  });
});
