import { expect, test } from '@playwright/test';
import { AgentConsolePage } from './page-models/agent-console-page';
import { switchLanguage } from './page-models/language-switch';
import { LoginPage } from './page-models/login-page';
import { ReferenceLookupPage } from './page-models/reference-lookup-page';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import { DEMO_AGENT, hostUrl, signOutIfSignedIn } from './support/demo-data';
import { saveScreenshot } from './support/screenshots';

// Sign-in, the first sync and two axe runs take most of the default minute on a loaded machine.
test.describe.configure({ timeout: 120_000 });

test.afterEach(({ page }) => signOutIfSignedIn(page));

test('the agent looks up a product by its Chinese name and a policy in English', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await login.signIn('zh-CN', DEMO_AGENT);
  await new AgentConsolePage(page).expectStatus('未就绪');

  const lookup = new ReferenceLookupPage(page);
  await lookup.openByKey('zh-CN');
  // The demo catalogue reaches the desktop through sync into the replica.
  await lookup.search('zh-CN', '千兆');
  const gigabit = lookup.entry('product:BB1000');
  await expect(gigabit).toContainText('千兆宽带 1000M', { timeout: 20_000 });
  await expect(gigabit.getByTestId('reference-price')).toHaveText('¥199.00 · 每月');
  await expect(lookup.group('policy')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'reference-lookup-product-zh-CN');

  // Departments come with their numbers.
  await lookup.search('zh-CN', '账务');
  await expect(lookup.entry('department:billing').getByTestId('reference-phone')).toContainText(
    '020 8388 6001',
  );

  await lookup.close();
  await expect(lookup.dialog('zh-CN')).toBeHidden();
  await switchLanguage(page, 'en');
  await lookup.openByKey('en');
  await lookup.search('en', 'refund');
  const refunds = lookup.entry('policy:refund');
  await expect(refunds).toContainText('Refunds');
  await expect(refunds).toContainText('Prepaid balance is refunded when the account closes');
  await expect(lookup.group('product')).toHaveCount(0);
  // A Chinese name still finds the product in the English UI, priced the English way.
  await lookup.search('en', '千兆');
  await expect(lookup.entry('product:BB1000').getByTestId('reference-price')).toHaveText(
    'CN¥199.00 · per month',
  );
  await lookup.search('en', 'refund');
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'reference-lookup-policy-en');

  // Back to Chinese for whoever signs in next on this desktop.
  await lookup.close();
  await switchLanguage(page, 'zh-CN');
});

test('the console button opens the lookup, and the help sheet lists its key', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await login.signIn('zh-CN', DEMO_AGENT);
  await new AgentConsolePage(page).expectStatus('未就绪');
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(help.getByRole('row', { name: /F9\s*打开业务资料查询/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.getByRole('button', { name: '资料查询 (F9)' }).click();
  const lookup = new ReferenceLookupPage(page);
  await expect(lookup.dialog('zh-CN')).toBeVisible();
  await lookup.search('zh-CN', 'tfgd');
  await expect(lookup.entry('policy:refund')).toContainText('退费规定');
  await lookup.search('zh-CN', '没有这种东西');
  await expect(lookup.dialog('zh-CN')).toContainText('没有符合条件的资料。');
  await lookup.close();
  await expect(lookup.dialog('zh-CN')).toBeHidden();
});
