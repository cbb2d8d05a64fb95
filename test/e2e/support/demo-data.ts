import { expect, type Page } from '@playwright/test';

/** The running stack's addresses, set by the global setup. */
export const hostUrl = (): string => process.env.SWITCHBOARD_E2E_HOST_URL!;
export const serverUrl = (): string => process.env.SWITCHBOARD_E2E_SERVER_URL!;

export const DEMO_AGENT = { username: 'agent', password: 'switchboard-demo' };

export type DemoCustomer = {
  id: string;
  name: string;
  accountNumber: string;
  pinyinInitials: string;
  phones: string[];
};

/**
 * One page of real customers straight from the central server (signed in as the demo agent
 * over REST), so what the UI shows can be checked against the source, never a literal.
 */
export async function demoCustomers(
  server: string,
  page: { limit: number; offset: number },
): Promise<DemoCustomer[]> {
  const login = await fetch(`${server}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', ...DEMO_AGENT }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(
    `${server}/api/customers?limit=${page.limit}&offset=${page.offset}`,
    { headers: { authorization: `Bearer ${accessToken}` } },
  );
  return ((await response.json()) as { items: DemoCustomer[] }).items;
}

/** A Chinese mobile number as a caller id carries it (1xxxxxxxxxx), if the customer has one. */
export function nationalMobile(customer: DemoCustomer): string | undefined {
  return customer.phones.find((phone) => /^\+861\d{10}$/.test(phone))?.slice(3);
}

/**
 * The browser host is one desktop: its core keeps the session across page loads, so every
 * test leaves it signed out for the next.
 */
export async function signOutIfSignedIn(page: Page): Promise<void> {
  const signOut = page.getByRole('button', { name: /^(退出登录|Sign out)$/ });
  if (await signOut.isVisible()) {
    await signOut.click();
    await expect(signOut).toBeHidden();
  }
}
