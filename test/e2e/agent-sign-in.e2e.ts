import { expect, test, type Page } from '@playwright/test';
import { CustomersPage } from './page-models/customers-page';
import { switchLanguage } from './page-models/language-switch';
import { LoginPage, type Language } from './page-models/login-page';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import {
  DEMO_AGENT,
  demoCustomers,
  hostUrl,
  serverUrl,
  signOutIfSignedIn,
  type DemoCustomer,
} from './support/demo-data';
import { saveScreenshot } from './support/screenshots';

const DEMO = DEMO_AGENT;

/** A Chinese customer with a phone number. */
async function someChineseCustomer(): Promise<DemoCustomer> {
  const items = await demoCustomers(serverUrl(), { limit: 100, offset: 0 });
  const customer = items.find((item) => item.pinyinInitials.length >= 2 && item.phones.length > 0);
  if (!customer) throw new Error('the demo data has no Chinese customer with a phone number');
  return customer;
}

async function signInAsAgent(page: Page, language: Language): Promise<CustomersPage> {
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await expect(login.heading(language)).toBeVisible();
  await login.signIn(language, DEMO);
  const customers = new CustomersPage(page, language);
  await expect(customers.rows.first()).toBeVisible();
  return customers;
}

test.describe.configure({ mode: 'serial' });

test.afterEach(({ page }) => signOutIfSignedIn(page));

test('the login page comes up in Chinese by default and has no serious a11y issues', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await expect(login.heading('zh-CN')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'login-zh-CN');
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await login.signIn('zh-CN', { username: 'agent', password: 'wrong-password' });
  await login.expectError('呼叫中心、用户名或密码错误');
});

test('the demo agent signs in and searches customers in Chinese', async ({ page }) => {
  const customer = await someChineseCustomer();
  const customers = await signInAsAgent(page, 'zh-CN');
  await expect(page.getByTestId('signed-in-user')).toContainText('坐席');
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'agent-customers-zh-CN');

  await customers.search(customer.pinyinInitials);
  await customers.expectEveryRow(() => true, 'pinyin search returns rows');
  await expect(customers.rows.filter({ hasText: customer.name }).first()).toBeVisible();

  const phoneSuffix = customer.phones[0]!.slice(-6);
  await customers.search(phoneSuffix);
  await customers.expectEveryRow(
    (text) => text.replace(/\D/g, '').includes(phoneSuffix),
    `every row has a phone ending in ${phoneSuffix}`,
  );

  await customers.search(customer.accountNumber);
  await expect(customers.rows.filter({ hasText: customer.accountNumber }).first()).toBeVisible();
  await saveScreenshot(page, 'agent-search-zh-CN');
});

test('switching to English translates the screen and the choice persists', async ({ page }) => {
  await signInAsAgent(page, 'zh-CN');
  await switchLanguage(page, 'en');
  const customers = new CustomersPage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(customers.searchBox.first()).toBeVisible();
  await saveScreenshot(page, 'agent-customers-en');

  // A new page load asks the core again: the language must come back as English.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  const login = new LoginPage(page);
  await expect(login.heading('en')).toBeVisible();
  await saveScreenshot(page, 'login-en');
  await switchLanguage(page, 'zh-CN');
  await expect(login.heading('zh-CN')).toBeVisible();
});

test('each role lands on its own page', async ({ page }) => {
  const login = new LoginPage(page);
  for (const [username, heading] of [
    ['supervisor', '现场概览'],
    ['tech', '我的工单'],
  ] as const) {
    await login.open(hostUrl());
    await login.signIn('zh-CN', { username, password: DEMO.password });
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await saveScreenshot(page, `${username}-home-zh-CN`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(login.heading('zh-CN')).toBeVisible();
  }
});
