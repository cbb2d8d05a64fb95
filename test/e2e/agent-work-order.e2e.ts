import { expect, test, type Page } from '@playwright/test';
import { killAllSipp, startSipp } from '../sip/harness/sipp';
import { AgentConsolePage } from './page-models/agent-console-page';
import { switchLanguage } from './page-models/language-switch';
import { LoginPage, type Language } from './page-models/login-page';
import { WorkOrderFormPage } from './page-models/work-order-form';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import {
  DEMO_AGENT,
  demoCustomers,
  nationalMobile,
  signOutIfSignedIn,
  type DemoCustomer,
} from './support/demo-data';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { saveScreenshot } from './support/screenshots';
import { findOnServer, supervisorToken } from './support/server-documents';

// A stack of its own: stopping its central server must not disturb the other tests.
let stack: E2eStack;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startE2eStack({ demoSize: 120, database: 'postgres' });
});
test.afterAll(async () => {
  await stack?.stop();
});
test.afterEach(async ({ page }) => {
  killAllSipp();
  // After a failure mid-call the core refuses sign-out until the call is gone; don't wait forever.
  await Promise.race([
    signOutIfSignedIn(page),
    new Promise((resolve) => setTimeout(resolve, 20_000)),
  ]);
});

const TEXT = {
  'zh-CN': {
    notReady: '未就绪',
    ready: '就绪',
    ringing: '振铃中',
    talking: '通话中',
    wrapUp: '话后处理',
    repair: '维修',
    pending: '待同步',
    disposition: '工单',
    done: '完成并就绪',
  },
  en: {
    notReady: 'Not ready',
    ready: 'Ready',
    ringing: 'Ringing',
    talking: 'Talking',
    wrapUp: 'Wrap-up',
    repair: 'Repair',
    pending: 'Pending sync',
    disposition: 'Work order',
    done: 'Done, ready',
  },
} as const;

/** Customers with a Chinese mobile number, straight from this stack's central server. */
async function callers(offset: number): Promise<{ customer: DemoCustomer; national: string }> {
  for (const customer of await demoCustomers(stack.serverUrl, { limit: 50, offset })) {
    const national = nationalMobile(customer);
    if (national) return { customer, national };
  }
  throw new Error('no demo customer with a mobile number');
}

/** The step in the language of the test, then the same screen in the other language. */
async function shootBoth(page: Page, step: string, language: Language): Promise<void> {
  const other: Language = language === 'zh-CN' ? 'en' : 'zh-CN';
  await saveScreenshot(page, `${step}-${language}`);
  await switchLanguage(page, other);
  await expect(page.locator('html')).toHaveAttribute('lang', other === 'en' ? 'en' : 'zh-CN');
  await saveScreenshot(page, `${step}-${other}`);
  await switchLanguage(page, language);
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'en' ? 'en' : 'zh-CN');
}

/**
 * The whole call by keyboard: ready, the customer calls and pops, answer, a repair work order,
 * hang up, disposition, ready again. Returns the new work order's number as the list shows it.
 */
async function callAndOpenRepair(
  page: Page,
  language: Language,
  step: string,
  caller: { customer: DemoCustomer; national: string },
  offline: boolean,
): Promise<string> {
  const text = TEXT[language];
  const agent = new AgentConsolePage(page);
  await agent.expectStatus(text.notReady);
  await agent.press('F7');
  await agent.expectStatus(text.ready);

  const sipp = await startSipp({
    scenario: 'customer-talks-until-agent-hangs-up.xml',
    target: stack.sipTarget,
    keys: { caller: caller.national },
    timeoutS: 90,
  });
  await agent.expectStatus(text.ringing);
  await expect(agent.screenPop).toContainText(caller.customer.name);
  await expectNoSeriousA11yViolations(page);
  await shootBoth(page, `${step}-1-offered`, language);

  await agent.press('F2');
  await expect(agent.callPhase).toContainText(text.talking, { timeout: 15_000 });

  const form = new WorkOrderFormPage(page);
  await form.open();
  const symptom = `${offline ? 'offline' : 'online'} ${Date.now()}`;
  await form.fillRepairByKeyboard({
    typeLabel: text.repair,
    equipment: language === 'en' ? 'Router' : '光猫',
    symptom,
    description: language === 'en' ? 'No internet since this morning' : '宽带从早上开始无法上网',
  });
  await expectNoSeriousA11yViolations(page);
  // The dialog covers the header's language switch: this step in the test's language only.
  await saveScreenshot(page, `${step}-2-work-order-form-${language}`);
  await form.submitByKeyboard();

  // The new order is in the caller's 360 at once, read live from the replica.
  const openOrders = agent.screenPop.getByTestId('work-order-list');
  const row = openOrders.locator('tr', { hasText: text.repair }).first();
  await expect(row).toBeVisible();
  const number = (await row.locator('code').innerText()).trim();
  expect(number).toMatch(/^WO-/);
  if (offline) await expect(row).toContainText(text.pending);
  await shootBoth(page, `${step}-3-work-order-created`, language);

  await agent.press('F3');
  await expect(agent.wrapUp).toBeVisible({ timeout: 15_000 });
  await agent.expectStatus(text.wrapUp);
  await page.keyboard.press('Alt+D');
  await page.keyboard.type(text.disposition);
  await page.keyboard.press('Enter');
  await expect(agent.wrapUp.locator('.ant-select-content')).toContainText(text.disposition);
  await shootBoth(page, `${step}-4-wrap-up`, language);
  // The screenshots' language switch took the focus: back to the disposition, then on.
  await page.keyboard.press('Alt+D');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(agent.wrapUp.getByRole('button', { name: text.done })).toBeFocused();
  await page.keyboard.press('Enter');
  await agent.expectStatus(text.ready);
  expect((await sipp.done).code).toBe(0);
  await shootBoth(page, `${step}-5-ready-again`, language);
  return number;
}

/** The work order and the call's interaction, linked to each other, as the server has them. */
async function expectOnServer(number: string, customerId: string): Promise<void> {
  const token = await supervisorToken(stack.serverUrl);
  await expect
    .poll(
      async () =>
        (await findOnServer(stack.serverUrl, token, 'work_orders', (doc) => doc.number === number))
          .length,
      { timeout: 60_000 },
    )
    .toBe(1);
  const [order] = await findOnServer(
    stack.serverUrl,
    token,
    'work_orders',
    (doc) => doc.number === number,
  );
  expect(order).toMatchObject({ type: 'repair', customerId, status: 'new' });
  expect(order!.serverSeq).toBeGreaterThan(0);
  await expect
    .poll(
      async () =>
        (
          await findOnServer(stack.serverUrl, token, 'interactions', (doc) =>
            (doc.workOrderIds as string[]).includes(order!.id),
          )
        ).map((doc) => [doc.customerId, doc.disposition]),
      { timeout: 60_000 },
    )
    .toEqual([[customerId, 'work_order_created']]);
}

test('a caller pops, the agent opens a repair work order by keyboard, and it reaches the server', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const caller = await callers(0);
  const login = new LoginPage(page);
  await login.open(stack.hostUrl);
  await login.signIn('zh-CN', DEMO_AGENT);
  const number = await callAndOpenRepair(page, 'zh-CN', 'work-order-online', caller, false);
  await expectOnServer(number, caller.customer.id);
});

test('offline: the work order is pending on the desk, and syncs when the server is back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const caller = await callers(50);
  const login = new LoginPage(page);
  await login.open(stack.hostUrl);
  await switchLanguage(page, 'en');
  await login.signIn('en', DEMO_AGENT);
  const agent = new AgentConsolePage(page);
  await agent.expectStatus(TEXT.en.notReady);
  // The replica holds the caller before the server goes away: screen pop works from it.
  await expect(page.getByTestId('sync-status')).toContainText(/Synced (?!never)/, {
    timeout: 60_000,
  });

  await stack.stopServer();
  try {
    const number = await callAndOpenRepair(page, 'en', 'work-order-offline', caller, true);
    const pending = page.getByRole('tab', { name: 'Work orders' });
    await page.keyboard.press('Alt+O');
    await expect(pending).toHaveAttribute('aria-selected', 'true');
    const listed = page.getByTestId('work-order-list').last().locator('tr', { hasText: number });
    await expect(listed).toContainText(TEXT.en.pending);
    await shootBoth(page, 'work-order-offline-6-list', 'en');

    await stack.startServer();
    // Everything syncs: the pending mark goes once the server has accepted the order.
    await expect(listed).not.toContainText(TEXT.en.pending, { timeout: 90_000 });
    await shootBoth(page, 'work-order-offline-7-synced', 'en');
    await expectOnServer(number, caller.customer.id);
  } finally {
    await stack.startServer().catch(() => undefined);
  }
});

test('shortcuts can be remapped from the help sheet; a key already in use is refused', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.open(stack.hostUrl);
  await switchLanguage(page, 'en');
  await login.signIn('en', DEMO_AGENT);
  await new AgentConsolePage(page).expectStatus(TEXT.en.notReady);
  await page.keyboard.press('F1');
  const sheet = page.getByTestId('shortcut-table');
  await expect(sheet).toContainText('New work order for the customer on screen');

  await page.getByRole('button', { name: 'Change the key for: Answer the ringing call' }).click();
  await page.keyboard.press('F3');
  await expect(page.getByRole('status')).toContainText('F3 is already the key for “Hang up”');

  await page.getByRole('button', { name: 'Change the key for: Ready' }).click();
  await page.keyboard.press('Alt+J');
  await expect(page.getByRole('status')).toContainText('Alt+J now does “Ready”');
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'shortcuts-remapped-en');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+J');
  await new AgentConsolePage(page).expectStatus(TEXT.en.ready);
  await page.keyboard.press('F8');

  // Persisted in the core: a reload keeps the new key; then back to the defaults.
  await page.reload();
  // The console is back with its keys bound (F1 pressed before that would be lost).
  await expect(page.getByRole('button', { name: 'Ready (Alt+J)' })).toBeVisible({
    timeout: 15_000,
  });
  await page.keyboard.press('F1');
  await expect(sheet.locator('tr', { hasText: /^Alt\+JReady/ })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the default keys' }).click();
  await expect(sheet.locator('tr', { hasText: /^F7Ready/ })).toBeVisible();
  await page.keyboard.press('Escape');
});
