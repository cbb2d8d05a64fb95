import { expect, test } from '@playwright/test';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { attachmentPath } from '../../src-shared/sync/wire-attachments';
import { switchLanguage } from './page-models/language-switch';
import { LoginPage } from './page-models/login-page';
import { TechnicianPage } from './page-models/technician-page';
import { signOutIfSignedIn } from './support/demo-data';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { saveScreenshot } from './support/screenshots';

/**
 * A field technician works offline for a while: he signs in online, his laptop loses the
 * network (a TCP proxy between his desktop and the server is cut; the server keeps running
 * for the back office), he works three orders with a photo and a signature each while the
 * supervisor changes one of them on the server, and an order of his is reassigned. Back
 * online, everything of his reaches the server, the supervisor's change stays, the conflict
 * is shown, and the reassigned order leaves his replica.
 */
let stack: E2eStack;
const TECH = { username: 'tech', password: 'switchboard-demo' };

async function rest(token: string | null, path: string, body?: unknown) {
  const response = await fetch(`${stack.serverUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}
const login = async (username: string) =>
  (
    (await (
      await rest(null, '/api/auth/login', {
        tenant: 'demo',
        username,
        password: 'switchboard-demo',
      })
    ).json()) as {
      accessToken: string;
    }
  ).accessToken;
const meOf = async (token: string) =>
  ((await (await rest(token, '/api/me')).json()) as { id: string }).id;
async function orders(token: string): Promise<WireDocument[]> {
  const page = (await (
    await rest(token, '/api/sync/work_orders/pull?limit=500')
  ).json()) as PullResponse;
  return page.documents;
}
async function supervisorPush(token: string, order: WireDocument, change: Record<string, unknown>) {
  const current = (await orders(token)).find((o) => o.id === order.id)!;
  await rest(token, '/api/sync/work_orders/push', {
    rows: [{ assumedMasterState: current, newDocumentState: { ...current, ...change } }],
  });
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startE2eStack({ demoSize: 60, database: 'postgres', hostThroughProxy: true });
});
test.afterAll(async () => {
  await stack?.stop();
});

test('works three orders offline, merges them without loss, shows the conflict, drops a reassigned order', async ({
  page,
}) => {
  const supervisor = await login('supervisor');
  const techId = await meOf(await login('tech'));
  const tech2Id = await meOf(await login('tech2'));
  const mine = (await orders(supervisor)).filter((o) => o['assigneeId'] === techId && !o._deleted);
  expect(mine.length).toBeGreaterThanOrEqual(5);
  const [a, b, c, reassigned, next] = mine as [
    WireDocument,
    WireDocument,
    WireDocument,
    WireDocument,
    WireDocument,
  ];
  // Three orders he is on site for today, and one more he will lose.
  const now = Date.now();
  for (const order of [a, b, c, reassigned, next]) {
    await supervisorPush(supervisor, order, {
      status: 'on_site',
      appointmentStart: now - 3_600_000,
      appointmentEnd: now + 3_600_000,
    });
  }

  const loginPage = new LoginPage(page);
  await loginPage.open(stack.hostUrl);
  await loginPage.signIn('zh-CN', TECH);
  const tech = new TechnicianPage(page);
  for (const order of [a, b, c, reassigned]) {
    await expect(tech.openButton(String(order['number']))).toBeVisible({ timeout: 30_000 });
  }
  await saveScreenshot(page, 'technician-home-zh-CN');

  await stack.cutHostNetwork();
  await expect(page.getByTestId('sync-status')).toContainText('离线', { timeout: 30_000 });

  for (const order of [a, b, c]) {
    await tech.openOrder(String(order['number']));
    await tech.addNote(`offline note ${order['number']}`);
    await tech.addPart(`part for ${order['number']}`);
    await tech.addPhoto();
    if (order === b) await tech.signByTypedName('张三');
    else await tech.sign();
    if (order === a) await saveScreenshot(page, 'technician-order-zh-CN');
    await tech.moveTo('resolved');
    await expect(tech.status()).toHaveText('已解决');
    // The back office changes the first order while his laptop is offline.
    if (order === a) await supervisorPush(supervisor, a, { status: 'cancelled' });
    await tech.back();
  }
  await supervisorPush(supervisor, reassigned, { assigneeId: tech2Id });
  await expect(tech.pendingOrders()).toHaveCount(3);
  await saveScreenshot(page, 'technician-pending-zh-CN');

  await stack.restoreHostNetwork();
  await tech.retrySync();
  await expect(tech.pendingOrders()).toHaveCount(0, { timeout: 60_000 });
  await expect(tech.openButton(String(reassigned['number']))).toBeHidden({ timeout: 30_000 });
  await expect(tech.conflictRows()).toHaveCount(1, { timeout: 30_000 });
  await expect(tech.conflictRows().first()).toContainText(String(a['number']));
  await saveScreenshot(page, 'technician-conflict-zh-CN');

  // On the server: all of his work, byte for byte, and the supervisor's change kept.
  const after = await orders(supervisor);
  for (const order of [a, b, c]) {
    const stored = after.find((o) => o.id === order.id)!;
    expect(stored['status']).toBe(order === a ? 'cancelled' : 'resolved');
    expect(stored['history']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ note: `offline note ${order['number']}` }),
      ]),
    );
    expect(stored['partsUsed']).toEqual([
      expect.objectContaining({ part: `part for ${order['number']}`, by: techId }),
    ]);
    const attachments = Object.entries(
      stored['_attachments'] as Record<string, { length: number }>,
    );
    expect(attachments.map(([id]) => id.split('-')[0]).sort()).toEqual(['photo', 'signature']);
    for (const [id, stub] of attachments) {
      const bytes = await (await rest(supervisor, attachmentPath(order.id, id))).arrayBuffer();
      expect(bytes.byteLength).toBe(stub.length);
    }
  }
  expect(after.find((o) => o.id === reassigned.id)!['assigneeId']).toBe(tech2Id);

  await switchLanguage(page, 'en');
  await expect(page.getByText('Conflicts to review')).toBeVisible();
  await saveScreenshot(page, 'technician-home-en');
  await tech.openOrder(String(next['number']));
  await expect(tech.status()).toHaveText('On site');
  await saveScreenshot(page, 'technician-order-en');
  await tech.back();
  await switchLanguage(page, 'zh-CN');
  await signOutIfSignedIn(page);
});
