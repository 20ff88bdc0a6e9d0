/**
 * Debian's chromium, driven by playwright-core (no browser download): where it is installed, the
 * HTML report is rendered for real. ZAVU_REQUIRE_BROWSER=1 (set by .ci/run when it installed
 * chromium) makes a missing or broken browser a failure instead of a fallback to parsing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env['ZAVU_CHROMIUM'] ?? '/usr/bin/chromium';

export function browserRequired(): boolean {
  return process.env['ZAVU_REQUIRE_BROWSER'] === '1';
}

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * A fresh headless chromium with a throwaway profile (playwright takes the profile as a persistent
 * context rather than a --user-data-dir flag): no network services, no sync. `close` also removes the profile.
 */
export async function launchChromium(viewport = { width: 1000, height: 800 }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'zvc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
