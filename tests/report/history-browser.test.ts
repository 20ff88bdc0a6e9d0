/**
 * The History section rendered in a real headless browser (Debian's chromium): no console error,
 * no page error, no request beyond the page itself, and every chart drawn at a non-zero size.
 * The SVG itself is parsed, with or without a browser, in history-sections.test.ts; with
 * ZAVU_REQUIRE_BROWSER=1 a missing browser fails this test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deriveFigures } from '../../src/history/derive-figures';
import { renderHtml } from '../../src/report/render-html';
import { night } from '../history/fixtures';
import { browserAvailable, browserRequired, CHROMIUM_PATH, launchChromium } from '../support/headless-chromium';
import { scratchDir } from '../support/scratch-dir';
import { mixedReport } from './fixtures';

/** Twelve nights, a hostile id among the cases: what the page is rendered from. */
function page(): { file: string; runs: number; cases: number } {
  const records = Array.from({ length: 12 }, (_, i) => night(i + 1, i % 3 === 0 ? '.F.F' : '..s.', { ms: 10 + i * 2 })).map((r) => ({
    ...r,
    cases: r.cases.map((c) => (c.id === 'op/d' ? { ...c, id: 'op/<img src=x onerror=alert(1)>' } : c)),
  }));
  const history = deriveFigures(records, { store: 'history.jsonl', target: records[0]!.run.target, window: 30, latencyBudgetMs: 30, flakyLimit: 0.5 });
  const html = renderHtml({ ...mixedReport(), history });
  const file = join(scratchDir('zvc-history-page-'), 'conformance.html');
  writeFileSync(file, html);
  return { file, runs: history.runs.length, cases: history.cases.length };
}

const inBrowser = browserAvailable() || browserRequired() ? test : test.skip;

inBrowser(`the page renders in headless chromium (${CHROMIUM_PATH}) without errors, every chart at a non-zero size`, async () => {
  const { file, runs, cases } = page();
  const browser = await launchChromium();
  try {
    const tab = await browser.context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // The charts and each case's two strips, then the legend's swatches apart (one a kind of cell): each drawn.
    const sizes = await tab.$$eval('#history svg:not(.swatch)', (svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(sizes).toHaveLength(2 + cases * 2);
    const swatches = await tab.$$eval('#history .history-legend svg.swatch', (svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(swatches.length).toBeGreaterThan(0);
    sizes.push(...swatches);
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(0);
    }
    const bars = await tab.$$eval('#history svg rect.bar', (rects) => rects.map((r) => r.getBoundingClientRect().height));
    expect(bars).toHaveLength(runs);
    expect(bars.every((h) => h > 0)).toBe(true);
    // The hostile id stayed text: no image element was made of it, no handler ran.
    expect(await tab.$$eval('img', (imgs) => imgs.length)).toBe(0);
    const shot = await tab.locator('#history').screenshot();
    expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  } finally {
    await browser.close();
  }
}, 60_000);
