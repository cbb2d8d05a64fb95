import { expect, test, type Page } from '@playwright/test';
import { killAllSipp, startSipp } from '../sip/harness/sipp';
import { AgentConsolePage } from './page-models/agent-console-page';
import { switchLanguage } from './page-models/language-switch';
import { LoginPage } from './page-models/login-page';
import { TransferDialog } from './page-models/transfer-dialog';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import { DEMO_AGENT, signOutIfSignedIn } from './support/demo-data';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { saveScreenshot } from './support/screenshots';

// A stack of its own (real PostgreSQL), the desktop reaching the server through a proxy the
// test cuts: the directory goes away for this desktop while colleagues keep reporting.
let stack: E2eStack;
test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startE2eStack({ demoSize: 20, database: 'postgres', hostThroughProxy: true });
});
test.afterAll(async () => {
  await stack?.stop();
});
test.afterEach(async ({ page }) => {
  killAllSipp();
  await stack.restoreHostNetwork().catch(() => undefined);
  await Promise.race([
    signOutIfSignedIn(page),
    new Promise((resolve) => setTimeout(resolve, 20_000)),
  ]);
});

/** A colleague's own desktop, as far as the server can tell: his core's presence reports. */
async function colleagueReports(username: string, report: object): Promise<void> {
  const login = await fetch(`${stack.serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', username, password: DEMO_AGENT.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const answer = await fetch(`${stack.serverUrl}/api/me/presence`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(report),
  });
  expect(answer.status).toBe(200);
}

/** Signs the agent in, makes him ready and puts a SIPp customer through to him. */
async function inCall(page: Page, language: 'zh-CN' | 'en') {
  const login = new LoginPage(page);
  await login.open(stack.hostUrl);
  if (language === 'en') await switchLanguage(page, 'en');
  await login.signIn(language, DEMO_AGENT);
  const agent = new AgentConsolePage(page);
  await agent.expectStatus(language === 'en' ? 'Not ready' : '未就绪');
  await agent.press('F7');
  await agent.expectStatus(language === 'en' ? 'Ready' : '就绪');
  const caller = await startSipp({
    scenario: 'customer-talks-until-agent-hangs-up.xml',
    target: stack.sipTarget,
    keys: { caller: '13800138000' },
    rtpEcho: true,
    timeoutS: 90,
  });
  await agent.expectStatus(language === 'en' ? 'Ringing' : '振铃中');
  await agent.press('F2');
  await expect(agent.callPhase).toContainText(language === 'en' ? 'Talking' : '通话中', {
    timeout: 15_000,
  });
  return { agent, caller };
}

test('during a call the transfer dialog lists colleagues with their presence, searchable by keyboard', async ({
  page,
}) => {
  await colleagueReports('agent2', { state: 'ready' });
  await colleagueReports('supervisor', { state: 'talking' });
  const { agent, caller } = await inCall(page, 'zh-CN');

  const dialog = new TransferDialog(page);
  await dialog.open('转接或咨询…');
  const lina = dialog.entry('李娜');
  await expect(lina.getByTestId('presence-badge')).toHaveText('就绪');
  await expect(lina).toContainText('分机 agent2');
  await expect(lina).toContainText('一线坐席组');
  const zhang = dialog.entry('张伟');
  await expect(zhang.getByTestId('presence-badge')).toHaveText('通话中');
  await expect(zhang).toContainText('不可接听');
  await expect(zhang).toHaveAttribute('data-unavailable', 'true');
  // Never himself; departments with their numbers follow the colleagues.
  await expect(dialog.entry('王芳')).toHaveCount(0);
  await expect(dialog.entry('账务中心')).toContainText('+862083886001');
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'transfer-directory-zh-CN');

  // The colleague goes to lunch: the open dialog shows it without being reopened.
  await colleagueReports('agent2', { state: 'not_ready', reasonCode: 'lunch' });
  await expect(lina.getByTestId('presence-badge')).toHaveText('未就绪 · 用餐', {
    timeout: 15_000,
  });

  // Keyboard only: filter by queue label, move with the arrows (they wrap), pick with Enter.
  await dialog.search.fill('VIP');
  const options = dialog.list.getByRole('option');
  await expect(options).toHaveCount(2); // 李娜 and 张伟 both serve the VIP desk
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await dialog.search.fill('agent2');
  await expect(options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(dialog.target).toHaveText('转至：李娜');
  await expect(dialog.dialog.getByRole('button', { name: '咨询' })).toBeFocused();

  // A number nobody has is still there to be dialled.
  await dialog.search.fill('95588');
  await expect(dialog.list.getByRole('option')).toHaveCount(0);
  await expect(dialog.target).toHaveText('转至：95588');
  await page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();

  await agent.press('F3');
  await expect(agent.wrapUp).toBeVisible({ timeout: 15_000 });
  await agent.chooseDisposition('已解决');
  await agent.wrapUp.getByRole('button', { name: '完成并就绪' }).click();
  await agent.expectStatus('就绪');
  expect((await caller.done).code).toBe(0);
});

test('offline, the dialog says the directory is unavailable and still takes a typed number', async ({
  page,
}) => {
  const { agent, caller } = await inCall(page, 'en');
  await stack.cutHostNetwork();
  const dialog = new TransferDialog(page);
  await dialog.open('Transfer or consult…');
  await expect(dialog.unavailable).toContainText('the central server cannot be reached', {
    timeout: 20_000,
  });
  await expect(dialog.list.getByRole('option')).toHaveCount(0);
  await dialog.search.fill('+862083886001');
  await expect(dialog.target).toHaveText('To: +862083886001');
  await expect(dialog.dialog.getByRole('button', { name: 'Consult' })).toBeEnabled();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'transfer-directory-offline-en');
  await page.keyboard.press('Escape');

  // The call flow never waited on presence: the call is still controllable.
  await agent.press('F3');
  await expect(agent.wrapUp).toBeVisible({ timeout: 15_000 });
  await agent.chooseDisposition('Resolved');
  await agent.wrapUp.getByRole('button', { name: 'Done, ready' }).click();
  await agent.expectStatus('Ready');
  expect((await caller.done).code).toBe(0);
  await stack.restoreHostNetwork();
});
