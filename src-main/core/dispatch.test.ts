import { describe, expect, it, vi } from 'vitest';
import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import { createAgentDesk } from './agent-desk';
import { CoreEvents } from './core-events';
import { bridgeHeadset } from './headset-bridge';
import { SYNC_OFF } from './sync-runner';
import { createDispatcher } from './dispatch';
import { CallLinks } from './call-links';
import { createCustomerDesk } from './customer-desk';
import { createWorkOrderDesk } from './work-order-desk';
import { createFieldWork } from './field-work';
import { DEFAULT_STORAGE_BUDGET } from './field-storage';

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-000000000002',
  tenantSlug: 'demo',
  tenantName: 'Demo',
  username: 'agent',
  displayName: '王芳',
  role: 'agent' as const,
  locale: 'zh-CN' as const,
};

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  return {
    'app.getInfo': async () => ({
      version: '1.0.0',
      serverUrl: 'http://127.0.0.1:1',
      replica: false,
    }),
    'session.get': async () => ({ user: null }),
    'session.login': async () => ({ user }),
    'session.logout': async () => ({}),
    'preferences.get': async () => ({ locale: 'en' }),
    'preferences.setLocale': async ({ locale }) => ({ locale }),
    'customers.search': async () => ({ items: [], total: 0 }),
    'sync.get': async () => SYNC_OFF,
    'preferences.getShortcuts': async () => ({ bindings: {} }),
    'preferences.setShortcuts': async ({ bindings }) => ({ bindings }),
    'directory.get': async () => ({ available: false, reason: 'signed_out' }),
    ...createWorkOrderDesk({ replica: null, userId: () => '', links: new CallLinks() }).handlers,
    ...createCustomerDesk({ replica: null, links: new CallLinks() }).handlers,
    ...createAgentDesk({
      session: null,
      events: new CoreEvents(),
      lookupCaller: async () => ({ e164: null, customer: null, otherMatches: [] }),
      warn: () => undefined,
    }).handlers,
    ...bridgeHeadset({
      manager: null,
      events: new CoreEvents(),
      dispatch: async () => ({ ok: true, result: {} }),
      warn: () => undefined,
    }).handlers,
    ...createFieldWork({
      replica: null,
      userId: () => '',
      unsynced: async () => null,
      retrySync: async () => undefined,
      budget: DEFAULT_STORAGE_BUDGET,
    }).handlers,
    ...overrides,
  };
}

const logger = { error: vi.fn() };

describe('createDispatcher', () => {
  it('runs a valid command and returns its result', async () => {
    const dispatch = createDispatcher(handlers(), logger);
    expect(await dispatch('preferences.setLocale', { locale: 'zh-CN' })).toEqual({
      ok: true,
      result: { locale: 'zh-CN' },
    });
  });

  it.each([['no.such.command'], ['__proto__'], ['constructor'], [42], [null], [{}]])(
    'refuses the unknown command %j',
    async (command) => {
      const outcome = await createDispatcher(handlers(), logger)(command, {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    },
  );

  it('refuses bad arguments with per-field issues', async () => {
    const outcome = await createDispatcher(handlers(), logger)('session.login', {
      tenant: 'demo',
      username: 42,
      extra: true,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('bad_request');
    const paths = outcome.error.issues?.map((issue) => issue.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it.each([
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['an unknown locale', { locale: 'fr' }],
    ['an oversized password', { tenant: 'd', username: 'u', password: 'x'.repeat(10_000) }],
  ])('refuses %s as arguments', async (_label, args) => {
    const dispatch = createDispatcher(handlers(), logger);
    const command = (args as { locale?: unknown }).locale
      ? 'preferences.setLocale'
      : 'session.login';
    expect(await dispatch(command, args)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('passes typed errors through and hides unexpected ones', async () => {
    const failing = createDispatcher(
      handlers({
        'session.get': async () => {
          throw new ContractError({ code: 'unauthorized', message: 'not signed in' });
        },
        'app.getInfo': async () => {
          throw new Error('secret stack detail');
        },
      }),
      logger,
    );
    expect(await failing('session.get', {})).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'not signed in' },
    });
    const hidden = await failing('app.getInfo', {});
    expect(hidden).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(logger.error).toHaveBeenCalled();
  });

  it('never lets a handler return something outside the contract', async () => {
    const dispatch = createDispatcher(
      handlers({
        'preferences.get': async () => ({ locale: 'klingon' }) as never,
      }),
      logger,
    );
    expect(await dispatch('preferences.get', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
