import { expect, test } from '@playwright/test';
import { killAllSipp, startSipp } from '../sip/harness/sipp';
import { AgentConsolePage } from './page-models/agent-console-page';
import { LoginPage } from './page-models/login-page';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import {
  DEMO_AGENT,
  demoCustomers,
  hostUrl,
  nationalMobile,
  serverUrl,
  signOutIfSignedIn,
  type DemoCustomer,
} from './support/demo-data';
import { saveScreenshot } from './support/screenshots';

/** A customer with a Chinese mobile number, straight from the central server. */
async function customerWithMobile(): Promise<{ customer: DemoCustomer; national: string }> {
  for (const customer of await demoCustomers(serverUrl(), { limit: 100, offset: 100 })) {
    const national = nationalMobile(customer);
    if (national) return { customer, national };
  }
  throw new Error('no demo customer with a mobile number');
}

test.afterEach(async ({ page }) => {
  killAllSipp();
  await signOutIfSignedIn(page);
});

test('a caller pops on screen, the agent handles the call by keyboard and wraps up', async ({
  page,
}) => {
  const { customer, national } = await customerWithMobile();
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await login.signIn('zh-CN', DEMO_AGENT);
  const agent = new AgentConsolePage(page);
  await agent.expectStatus('未就绪');
  await agent.press('F7');
  await agent.expectStatus('就绪');

  const caller = await startSipp({
    scenario: 'customer-held-and-resumed.xml',
    target: process.env.SWITCHBOARD_E2E_SIP_TARGET!,
    keys: { caller: national },
    rtpEcho: true,
    timeoutS: 60,
  });

  // The caller's record is on screen while the phone is still ringing.
  await agent.expectStatus('振铃中');
  await expect(agent.screenPop).toContainText(customer.name);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'call-offered-zh-CN');

  await agent.press('F2');
  await expect(agent.callPhase).toContainText('通话中', { timeout: 15_000 });
  await agent.press('F4');
  await expect(agent.callPhase).toContainText('保持中', { timeout: 15_000 });
  await saveScreenshot(page, 'call-held-zh-CN');
  await agent.press('F4');
  await expect(agent.callPhase).toContainText('通话中', { timeout: 15_000 });
  await agent.press('F3');

  await expect(agent.wrapUp).toBeVisible({ timeout: 15_000 });
  await agent.expectStatus('话后处理');
  await agent.chooseDisposition('已解决');
  await agent.wrapUp.getByLabel('备注').fill('客户咨询宽带报修进度');
  await saveScreenshot(page, 'call-wrap-up-zh-CN');
  await agent.wrapUp.getByRole('button', { name: '完成并就绪' }).click();
  await agent.expectStatus('就绪');
  expect((await caller.done).code).toBe(0);

  // The same customer calls again: the screen pop's timeline shows the call just recorded,
  // read live from the replica through RxDB's remote storage. He hangs up while it rings.
  const again = await startSipp({
    scenario: 'customer-rings-then-abandons.xml',
    target: process.env.SWITCHBOARD_E2E_SIP_TARGET!,
    keys: { caller: national },
    timeoutS: 60,
  });
  await expect(agent.screenPop).toContainText(customer.name, { timeout: 15_000 });
  const timeline = page.getByTestId('interaction-timeline');
  await expect(timeline).toContainText('客户咨询宽带报修进度');
  await expect(timeline).toContainText('已解决');
  await saveScreenshot(page, 'call-repeat-caller-zh-CN');
  expect((await again.done).code).toBe(0);
  await agent.expectStatus('就绪');
});
