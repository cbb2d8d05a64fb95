/** English strings. zh-CN.ts must have exactly the same keys (a test checks). */
export const en = {
  app: {
    name: 'Switchboard',
    tagline: 'Call-center desktop',
    loading: 'Connecting to the agent core…',
  },
  language: {
    label: 'Language',
    'zh-CN': '简体中文',
    en: 'English',
  },
  login: {
    title: 'Sign in',
    tenant: 'Call center',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    required: 'Please enter {{field}}',
    demoHint: 'Demo: call center “demo”, user “agent”, password “switchboard-demo”.',
  },
  errors: {
    unauthorized: 'Wrong call center, user name or password.',
    server_unreachable: 'The central server cannot be reached. Check the network and try again.',
    bad_request: 'Some fields are not valid.',
    payload_too_large: 'That is too much data to send at once.',
    forbidden: 'You are not allowed to do that.',
    unknown_command: 'This version of the app does not know that action.',
    server_error: 'The central server could not complete the request.',
    internal: 'Something went wrong. Please try again.',
  },
  shell: {
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{name}}',
    serverOnline: 'Server online',
    serverOffline: 'Server offline',
    roles: {
      agent: 'Agent',
      supervisor: 'Supervisor',
      technician: 'Field technician',
      admin: 'Administrator',
    },
  },
  home: {
    agent: { title: 'Customers' },
    supervisor: {
      title: 'Floor overview',
      pending: 'Live agent and queue monitoring arrives with the CTI link.',
    },
    technician: {
      title: 'My work orders',
      pending: 'Your assigned work orders appear here once the offline replica is synced.',
    },
    admin: {
      title: 'Administration',
      pending: 'User and team management is not available in this version yet.',
    },
  },
  customers: {
    searchLabel: 'Search customers',
    searchPlaceholder: 'Name, pinyin initials, phone or account number',
    total: '{{count}} customers',
    empty: 'No customer matches this search.',
    columns: {
      name: 'Name',
      accountNumber: 'Account',
      phones: 'Phone numbers',
      vipTier: 'VIP tier',
      city: 'City',
      tags: 'Tags',
    },
    vip: {
      none: 'Standard',
      silver: 'Silver',
      gold: 'Gold',
      platinum: 'Platinum',
    },
  },
};

/** The shape every language must have: the same keys, any strings. */
export type Messages = {
  [K in keyof typeof en]: DeepStrings<(typeof en)[K]>;
};
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
