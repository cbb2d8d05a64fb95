import type { Locale } from '../../src-shared/domain/locale';
import type { Role } from '../../src-shared/domain/roles';

export const DEMO_PASSWORD = 'switchboard-demo';

export interface DemoSipAccount {
  aor: string;
  registrar?: string;
  authUser?: string;
  password?: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
  /** The desktop softphone's account; users without one cannot take calls. */
  sip?: DemoSipAccount;
}

/**
 * The demo desktops are reached directly (no registrar): the AOR is where the desktop's engine
 * listens (SWITCHBOARD_SIP_PORT, 5070 by default). The password is there so that the account
 * has one end to end; without a registrar the engine never needs it.
 */
const demoSip = (user: string): DemoSipAccount => ({
  aor: `sip:${user}@127.0.0.1:5070`,
  authUser: user,
  password: `sip-${user}-demo`,
});

export interface DemoTenant {
  slug: string;
  name: string;
  accountPrefix: string;
  users: readonly DemoUser[];
}

export const DEMO_TENANT: DemoTenant = {
  slug: 'demo',
  name: '示范呼叫中心 Demo Call Center',
  accountPrefix: 'C',
  users: [
    {
      username: 'agent',
      displayName: '王芳',
      role: 'agent',
      locale: 'zh-CN',
      sip: demoSip('agent'),
    },
    {
      username: 'agent2',
      displayName: '李娜',
      role: 'agent',
      locale: 'en',
      sip: demoSip('agent2'),
    },
    {
      username: 'supervisor',
      displayName: '张伟',
      role: 'supervisor',
      locale: 'zh-CN',
      sip: demoSip('supervisor'),
    },
    { username: 'tech', displayName: '刘强', role: 'technician', locale: 'zh-CN' },
    { username: 'tech2', displayName: '陈杰', role: 'technician', locale: 'zh-CN' },
    { username: 'admin', displayName: '赵敏', role: 'admin', locale: 'zh-CN' },
  ],
};

/** A second tenant whose only purpose is to prove that tenants never see each other. */
export const ACME_TENANT: DemoTenant = {
  slug: 'acme',
  name: 'Acme Support',
  accountPrefix: 'A',
  users: [
    {
      username: 'agent',
      displayName: 'Alice Agent',
      role: 'agent',
      locale: 'en',
      sip: { aor: 'sip:alice@127.0.0.1:5070', password: 'sip-alice-demo' },
    },
    { username: 'supervisor', displayName: 'Sam Supervisor', role: 'supervisor', locale: 'en' },
    { username: 'tech', displayName: 'Terry Technician', role: 'technician', locale: 'en' },
    { username: 'admin', displayName: 'Ada Admin', role: 'admin', locale: 'en' },
  ],
};

export const ACME_CUSTOMER_COUNT = 40;
