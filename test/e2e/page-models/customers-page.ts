import { expect, type Locator, type Page } from '@playwright/test';
import type { Language } from './login-page';

const SEARCH_LABEL: Record<Language, string> = { 'zh-CN': '搜索客户', en: 'Search customers' };

export class CustomersPage {
  constructor(
    private readonly page: Page,
    private readonly language: Language,
  ) {}

  get searchBox(): Locator {
    return this.page
      .getByRole('searchbox', { name: SEARCH_LABEL[this.language] })
      .or(this.page.getByLabel(SEARCH_LABEL[this.language]));
  }

  get rows(): Locator {
    return this.page.locator('.ant-table-tbody tr.ant-table-row');
  }

  async search(query: string): Promise<void> {
    await this.searchBox.first().fill(query);
  }

  async expectEveryRow(predicate: (text: string) => boolean, description: string): Promise<void> {
    await expect(this.rows.first()).toBeVisible();
    const texts = await this.rows.allInnerTexts();
    expect(texts.length, description).toBeGreaterThan(0);
    for (const text of texts) expect(predicate(text), `${description}: ${text}`).toBe(true);
  }
}
