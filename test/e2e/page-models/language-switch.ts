import type { Page } from '@playwright/test';
import type { Language } from './login-page';

const OPTION_LABELS: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

/** The language selector in the header or on the login card. */
export async function switchLanguage(page: Page, to: Language): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name: OPTION_LABELS[to] }).click();
}
