import { expect, test } from '@playwright/test';
import { AgentConsolePage } from './page-models/agent-console-page';
import { switchLanguage } from './page-models/language-switch';
import { LoginPage } from './page-models/login-page';
import { expectNoSeriousA11yViolations } from './support/accessibility';
import { DEMO_AGENT, hostUrl, serverUrl, signOutIfSignedIn } from './support/demo-data';
import { saveScreenshot } from './support/screenshots';
import { findOnServer, supervisorToken } from './support/server-documents';

test.afterEach(async ({ page }) => {
  await page.keyboard.press('Escape');
  await signOutIfSignedIn(page);
  // The language is the desktop's (kept by the core): leave it as the next test expects.
  if ((await page.locator('html').getAttribute('lang')) === 'en') {
    await switchLanguage(page, 'zh-CN');
  }
});

test('an agent corrects an open work order: refused while invalid, then saved with its history, and synced', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const login = new LoginPage(page);
  await login.open(hostUrl());
  await switchLanguage(page, 'en');
  await login.signIn('en', DEMO_AGENT);
  await new AgentConsolePage(page).expectStatus('Not ready');
  await page.keyboard.press('Alt+O');

  // The newest open order of the tenant, as the replica lists it (closed ones have no Edit).
  const list = page.getByTestId('work-order-list');
  const firstEdit = list.getByRole('button', { name: /^Edit work order / }).first();
  await expect(firstEdit).toBeVisible({ timeout: 30_000 });
  const number = (await firstEdit.getAttribute('aria-label'))!.replace('Edit work order ', '');
  // The list is live: rows move while the first sync brings more orders.
  await list.getByRole('button', { name: `Edit work order ${number}` }).click();
  const dialog = page.getByRole('dialog', { name: `Work order ${number}` });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // An empty description is refused on the form, and nothing is written.
  const description = dialog.getByLabel('Description', { exact: true });
  const before = await description.inputValue();
  await description.fill('');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toContainText('Please fill this in.');
  await expect(dialog).toBeVisible();

  const corrected = `${before} (checked with the customer ${Date.now()})`.slice(0, 10_000);
  await description.fill(corrected);
  // A click on an option while the dropdown still opens can be lost (seen once in CI, the
  // saved order kept its priority): the choice is checked on the form, and made again if so.
  const priority = dialog.locator('.ant-form-item', { has: page.getByLabel('Priority') });
  await expect(async () => {
    await dialog.getByLabel('Priority').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '1 · highest' })
      .click();
    await expect(priority.locator('.ant-select-content')).toContainText('1 · highest', {
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
  const note = `Customer called back ${Date.now()}`;
  await dialog.getByLabel('Add a note').fill(note);
  await saveScreenshot(page, 'work-order-edit-en');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();

  // The list follows the replica at once; the history says what happened.
  const edited = list.locator('tr.ant-table-row', { hasText: number });
  await expect(edited).toContainText('1 · highest');
  await edited.locator('.ant-table-row-expand-icon').click();
  const history = list.locator('.ant-table-expanded-row', { hasText: note });
  await expect(history).toContainText('Edited');
  await expect(history).toContainText(`Note: ${note}`);

  const token = await supervisorToken(serverUrl());
  await expect
    .poll(
      async () =>
        (await findOnServer(serverUrl(), token, 'work_orders', (doc) => doc.number === number)).map(
          (doc) => [doc.priority, doc.description],
        ),
      { timeout: 60_000 },
    )
    .toEqual([[1, corrected]]);
  const [onServer] = await findOnServer(
    serverUrl(),
    token,
    'work_orders',
    (doc) => doc.number === number,
  );
  const entries = onServer!.history as { action: string; note?: string; to?: string }[];
  expect(entries.some((entry) => entry.action === 'note' && entry.note === note)).toBe(true);
  expect(
    entries.some((entry) => entry.action === 'edited' && entry.to?.includes('description')),
  ).toBe(true);
});
