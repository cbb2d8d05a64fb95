import { expect, type Locator, type Page } from '@playwright/test';
import type { Language } from './login-page';

const TITLES: Record<Language, string> = { 'zh-CN': '业务资料查询', en: 'Reference lookup' };
const SEARCH_LABELS: Record<Language, string> = {
  'zh-CN': '搜索产品、费用、政策和部门',
  en: 'Search products, fees, policies and departments',
};

/** The reference lookup drawer of the agent console. */
export class ReferenceLookupPage {
  constructor(private readonly page: Page) {}

  dialog(language: Language): Locator {
    return this.page.getByRole('dialog', { name: TITLES[language] });
  }

  /** Opens it with its function key, as an agent on a call does. */
  async openByKey(language: Language): Promise<void> {
    await this.page.keyboard.press('F9');
    await expect(this.dialog(language)).toBeVisible();
    await expect(this.searchField(language)).toBeFocused();
  }

  searchField(language: Language): Locator {
    return this.dialog(language).getByLabel(SEARCH_LABELS[language]);
  }

  async search(language: Language, text: string): Promise<void> {
    await this.searchField(language).fill(text);
  }

  group(kind: 'product' | 'fee' | 'policy' | 'department'): Locator {
    return this.page.getByTestId(`reference-group-${kind}`);
  }

  entry(id: string): Locator {
    return this.page.getByTestId(`reference-${id}`);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
