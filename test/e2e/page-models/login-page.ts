import { expect, type Locator, type Page } from '@playwright/test';

export type Language = 'zh-CN' | 'en';

const LABELS = {
  'zh-CN': { tenant: '呼叫中心', username: '用户名', password: '密码', submit: '登录' },
  en: { tenant: 'Call center', username: 'User name', password: 'Password', submit: 'Sign in' },
} as const;

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(baseUrl);
  }

  heading(language: Language): Locator {
    return this.page.getByRole('heading', { name: language === 'en' ? 'Sign in' : '登录' });
  }

  async signIn(
    language: Language,
    credentials: { tenant?: string; username: string; password: string },
  ): Promise<void> {
    const labels = LABELS[language];
    await this.page.getByLabel(labels.tenant).fill(credentials.tenant ?? 'demo');
    await this.page.getByLabel(labels.username).fill(credentials.username);
    await this.page.getByLabel(labels.password, { exact: true }).fill(credentials.password);
    await this.page.getByRole('button', { name: labels.submit }).click();
  }

  async expectError(text: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText(text);
  }
}
