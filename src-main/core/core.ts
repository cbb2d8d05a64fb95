import type { CommandHandlers, EventPayload } from '../../src-shared/contract/contract';
import type { LoginRequest } from '../../src-shared/http/auth';
import type { CustomerSearchQuery } from '../../src-shared/http/customers';
import { createAgentDesk, type CallerLookup } from './agent-desk';
import { CoreEvents } from './core-events';
import { createDispatcher, type Dispatch } from './dispatch';
import { PreferencesStore } from './preferences';
import { ServerClient } from './server-client';
import { Session } from './session';
import type { HeadsetManager } from '../headset';
import { bridgeHeadset } from './headset-bridge';
import type { InteractionSink } from '../agent/agent-session';
import type { ReplicaDatabase } from '../replica/open-replica';
import { InteractionJournal } from './interaction-journal';
import { replicaInteractionSink } from './replica-interaction-sink';
import { createCallerLookup } from './caller-lookup';
import { createCustomerSearch } from './customer-search';
import { SyncRunner, TECHNICIAN_PULL_ONLY } from './sync-runner';
import { createSipLine, type Telephony } from './telephony';
import { createFieldWork } from './field-work';
import { DEFAULT_STORAGE_BUDGET, isLocalOnlyDeletion, type StorageBudget } from './field-storage';
import type { TokenVault } from './token-vault';
import { CallLinks } from './call-links';
import { createCustomerDesk } from './customer-desk';
import { createWorkOrderDesk } from './work-order-desk';
import { ContractError } from '../../src-shared/contract/errors';
import { ShortcutBindingsSchema } from '../../src-shared/domain/shortcuts';
import { issuesFromZod } from '../../src-shared/contract/errors';
import type { UserProfile } from '../../src-shared/domain/user';
import { PresenceClient } from './presence-client';
import { PresenceReporter, presenceReportOf } from './presence-reporter';
import { createDirectoryDesk } from './directory-desk';
import type { ReplicaOwner } from './replica-switch';

export type CoreLogger = {
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string, detail?: unknown) => void;
};

export type CoreOptions = {
  version: string;
  dataDir: string;
  serverUrl: string;
  tokenVault: TokenVault;
  logger: CoreLogger;
  /** The softphone engine and call model; null where no engine is configured. */
  createTelephony?: (sink: InteractionSink) => Telephony | null;
  /** The offline replica; screen pop looks callers up here first, calls are recorded here. */
  replica?: ReplicaDatabase | null;
  /**
   * Puts the signed-in user's own replica behind `replica` (openReplicaSwitch); true when it
   * changed. Absent: one replica for whoever signs in (tests, a single-user setup).
   */
  switchReplica?: (owner: ReplicaOwner) => Promise<boolean>;
  /** USB headsets (node-hid); null where the desktop has none (the browser host). */
  headsets?: HeadsetManager | null;
  /** How screen pop finds a caller; defaults to a search on the central server. */
  lookupCaller?: CallerLookup;
  /** The field technician's attachments quota and clean-up of closed orders. */
  storageBudget?: StorageBudget;
};

export type Core = {
  dispatch: Dispatch;
  events: CoreEvents;
  /** Resume a stored session, or sign in with the given credentials (the demo start). */
  start(autoLogin?: LoginRequest): Promise<void>;
  dispose(): Promise<void>;
};

/**
 * The agent core: everything the renderer can ask for, independent of how it asks (Electron
 * IPC or the browser host's WebSocket).
 */
export function createCore(options: CoreOptions): Core {
  const events = new CoreEvents();
  let reachable: boolean | null = null;
  const onReachability = (now: boolean): void => {
    if (now === reachable) return;
    reachable = now;
    events.emit('connection.changed', { server: now ? 'online' : 'offline' });
  };
  const client = new ServerClient(options.serverUrl, onReachability);
  const session = new Session(
    client,
    options.tokenVault,
    (user) => {
      events.emit('session.changed', { user });
      // Signed out by the server (refresh refused): the engine gives up his SIP account too,
      // and his presence lease runs out on the server (no token left to say so).
      if (!user) {
        void sipLine.signOut();
        void presence.stop();
      }
    },
    Date.now,
    (user) => useReplicaOf(user),
  );
  const presenceClient = new PresenceClient({ baseUrl: client.baseUrl, onReachability });
  const presence = new PresenceReporter({
    send: (report, timeoutMs) =>
      session.authorized((token) => presenceClient.report(token, report, timeoutMs)),
    warn: options.logger.warn,
  });
  events.subscribe((event, payload) => {
    if (event === 'agent.changed') {
      presence.update(presenceReportOf(payload as EventPayload<'agent.changed'>));
    }
  });
  const preferences = new PreferencesStore(options.dataDir, options.logger.warn);
  const replica = options.replica ?? null;
  const sync = new SyncRunner({
    replica,
    serverUrl: client.baseUrl,
    getAccessToken: () => session.authorized(async (token) => token),
    onStatus: (status) => events.emit('sync.changed', status),
    warn: options.logger.warn,
    isLocalOnlyDeletion,
    pullOnly: () => (session.user?.role === 'technician' ? TECHNICIAN_PULL_ONLY : []),
  });
  const fieldWork = createFieldWork({
    replica,
    userId: () => session.user?.id ?? '',
    unsynced: async () => (await sync.handle())?.unsynced('work_orders') ?? null,
    retrySync: async () => (await sync.handle())?.retryNow(),
    budget: options.storageBudget ?? DEFAULT_STORAGE_BUDGET,
  });
  // The technician's screens follow his replica: his edits and what sync brings.
  const followWorkOrders = () =>
    replica?.work_orders.$.subscribe(() => events.emit('fieldWork.changed', {}));
  let workOrdersFollowed = followWorkOrders();
  /** Before the user is signed in (Session's hook): his own replica, never the last user's. */
  const useReplicaOf = async (user: UserProfile): Promise<void> => {
    if (!options.switchReplica) return;
    if (!(await options.switchReplica({ tenantId: user.tenantId, userId: user.id }))) return;
    workOrdersFollowed?.unsubscribe();
    workOrdersFollowed = followWorkOrders();
    // The renderer's views were opened on the previous user's replica: it reopens them.
    events.emit('replica.changed', {});
  };
  const searchServer = (query: CustomerSearchQuery) =>
    session.authorized((token) => client.searchCustomers(token, query));
  const searchCustomers = createCustomerSearch(replica, searchServer, {
    replicaSynced: () => session.user !== null && sync.initialSyncDone,
    warn: options.logger.warn,
  });
  const journal = new InteractionJournal(options.dataDir);
  const links = new CallLinks();
  const telephony =
    options.createTelephony?.(
      replica
        ? replicaInteractionSink(replica, journal, {
            agentId: () => session.user?.id ?? '',
            customerIdFor: (callId) => links.customerFor(callId) ?? desk.customerFor(callId) ?? '',
            workOrderIdsFor: (callId) => links.workOrdersFor(callId),
            written: (callId) => links.forget(callId),
          })
        : journal,
    ) ?? null;
  const desk = createAgentDesk({
    session: telephony?.session ?? null,
    events,
    lookupCaller: options.lookupCaller ?? createCallerLookup(replica, searchServer),
    warn: options.logger.warn,
  });
  const sipLine = createSipLine({
    telephony,
    fetchAccount: () => session.authorized((token) => client.sipAccount(token)),
    onProblem: (problem) => {
      if (problem) options.logger.warn(`telephony: ${problem}`);
      desk.setAccountProblem(problem);
    },
    warn: options.logger.warn,
  });

  // Headset buttons go through the same dispatcher as clicks (declared below, called later).
  const headset = bridgeHeadset({
    manager: options.headsets ?? null,
    events,
    dispatch: (command, args) => dispatch(command, args),
    warn: options.logger.warn,
  });
  const workOrders = createWorkOrderDesk({
    replica,
    userId: () => session.user?.id ?? '',
    links,
  });
  const customerDesk = createCustomerDesk({ replica, links });
  const directory = createDirectoryDesk({
    fetchDirectory: () => session.authorized((token) => presenceClient.directory(token)),
    signedIn: () => session.user !== null,
    warn: options.logger.warn,
  });
  /** Field technicians take no calls: the server has no presence for them (403). */
  const startPresence = async (user: UserProfile | null): Promise<void> => {
    if (!user || user.role === 'technician') return;
    presence.start(presenceReportOf(await desk.handlers['agent.get']({})));
  };
  const handlers: CommandHandlers = {
    'app.getInfo': async () => ({
      version: options.version,
      serverUrl: client.baseUrl,
      replica: replica !== null,
    }),
    'session.get': async () => ({ user: session.user }),
    'session.login': async (request) => {
      // A different user has a different scope: his replication starts from his own sign-in.
      await sync.stop();
      const user = await session.login(request);
      await sipLine.signIn();
      desk.signIn();
      await startPresence(user);
      sync.start();
      return { user };
    },
    'session.logout': async () => {
      desk.signOut();
      // Said while the token is still there; the lease would expire anyway if it cannot be.
      await presence.stop({ state: 'logged_out' });
      await sipLine.signOut();
      await sync.stop();
      await session.logout();
      return {};
    },
    'preferences.get': async () => preferences.get(),
    'preferences.setLocale': async ({ locale }) => {
      const next = await preferences.update({ locale });
      events.emit('preferences.changed', { locale: next.locale });
      return { locale: next.locale };
    },
    'customers.search': searchCustomers,
    'sync.get': async () => sync.status,
    'preferences.getShortcuts': async () => ({ bindings: (await preferences.get()).shortcuts }),
    'preferences.setShortcuts': async ({ bindings }) => {
      // The contract has checked the map; checked again here because the store is the owner.
      const checked = ShortcutBindingsSchema.safeParse(bindings);
      if (!checked.success) {
        throw new ContractError({
          code: 'bad_request',
          message: 'conflicting shortcut keys',
          issues: issuesFromZod(checked.error),
        });
      }
      const next = await preferences.update({ shortcuts: checked.data });
      return { bindings: next.shortcuts };
    },
    ...workOrders.handlers,
    ...customerDesk.handlers,
    ...desk.handlers,
    ...headset.handlers,
    ...fieldWork.handlers,
    ...directory,
  };
  const dispatch = createDispatcher(handlers, options.logger);

  return {
    dispatch,
    events,
    async start(autoLogin) {
      const resumed = await session.resume();
      if (!resumed && autoLogin) {
        await session.login(autoLogin).catch((error: unknown) => {
          options.logger.warn(`automatic sign-in failed: ${String(error)}`);
        });
      }
      if (telephony) {
        // A missing or broken engine is reported in the agent's state, not a failed start.
        await telephony.link.start().catch((error: unknown) => {
          options.logger.error('the softphone engine did not start', error);
        });
      }
      if (session.user) {
        await sipLine.signIn();
        desk.signIn();
        await startPresence(session.user);
        sync.start();
      }
      await options.headsets?.start().catch((error: unknown) => {
        options.logger.error('headset support did not start', error);
      });
    },
    async dispose() {
      await presence.stop({ state: 'logged_out' });
      await sync.stop();
      headset.dispose();
      await options.headsets?.stop();
      desk.dispose();
      await telephony?.link.stop();
    },
  };
}
