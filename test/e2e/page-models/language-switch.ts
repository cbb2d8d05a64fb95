import type { Page } from '@playwright/test';
import type { Language } from './login-page';

const OPTION_LABELS: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

/** The language selector in the header or on the login card. */
export async function switchLanguage(page: Page, to: Language): Promise<void> {
  await page.getByTestId('language-switch').click();
  // Ant Design keeps a hidden role=option list for screen readers; click the visible item.
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: OPTION_LABELS[to] })
    .click();
}
