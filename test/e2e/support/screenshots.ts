import path from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.resolve(
  import.meta.dirname,
  '../../../test-results/screenshots',
);

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
