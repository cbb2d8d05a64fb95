import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LOCALES } from '../../src-shared/domain/locale';
import { ROLES } from '../../src-shared/domain/roles';
import { VIP_TIERS } from '../../src-shared/domain/customer';
import { WORK_ORDER_PRIORITIES } from '../../src-shared/domain/work-order';
import type { Address } from '../../src-shared/rxdb/common';
import { REFERENCE_KINDS } from '../../src-shared/rxdb/reference';
import {
  INTERACTION_CHANNELS,
  INTERACTION_DIRECTIONS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type WorkOrderHistoryEntry,
} from './enums';
import type {
  AttachmentStub,
  PartUsedEntry,
  TimeSpentEntry,
} from '../../src-shared/rxdb/work-orders';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * The sync change sequence: every write to a replicated row takes the next value (trigger in
 * migration 0002), under a per-tenant advisory lock so that, within a tenant, sequence order
 * is commit order and a pull by checkpoint never skips a row committed late.
 */
export const syncSeq = pgSequence('sync_seq');

/** Columns every replicated table carries for RxDB's replication protocol. */
const syncColumns = () => ({
  serverSeq: bigint('server_seq', { mode: 'number' })
    .notNull()
    .default(sql`nextval('sync_seq')`),
  /** Soft delete: replicas must learn about deletions, so rows are kept. */
  deleted: boolean('deleted').notNull().default(false),
});

export const roleEnum = pgEnum('user_role', ROLES);
export const localeEnum = pgEnum('user_locale', LOCALES);
export const vipTierEnum = pgEnum('vip_tier', VIP_TIERS);
export const workOrderTypeEnum = pgEnum('work_order_type', WORK_ORDER_TYPES);
export const workOrderStatusEnum = pgEnum('work_order_status', WORK_ORDER_STATUSES);
export const channelEnum = pgEnum('interaction_channel', INTERACTION_CHANNELS);
export const directionEnum = pgEnum('interaction_direction', INTERACTION_DIRECTIONS);

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamps.createdAt,
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull(),
    locale: localeEnum('locale').notNull().default('zh-CN'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_tenant_username_key').on(t.tenantId, t.username),
    index('users_tenant_role_idx').on(t.tenantId, t.role),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** All tokens descended from one login; reuse of any of them revokes the lot. */
    familyId: uuid('family_id').notNull(),
    /** SHA-256 (hex) of the opaque token: a leaked table does not yield usable tokens. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamps.createdAt,
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    replacedBy: uuid('replaced_by'),
  },
  (t) => [
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
    index('refresh_tokens_expires_idx').on(t.expiresAt),
  ],
);

/** Secrets shared by every server process, e.g. the JWT signing key (created once). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamps.createdAt,
});

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    accountNumber: text('account_number').notNull(),
    name: text('name').notNull(),
    pinyinInitials: text('pinyin_initials').notNull().default(''),
    /** E.164 numbers. */
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Digits of every phone, each followed by a space (' 8613800138000 ...'): a suffix
     * search becomes LIKE '%<digits> ', which the trigram index serves. Kept by the
     * application (see customers/phone-search.ts) because generated columns cannot call
     * array functions portably.
     */
    phoneDigits: text('phone_digits').notNull().default(''),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    vipTier: vipTierEnum('vip_tier').notNull().default('none'),
    /** The replica's structured address as pushed (null: none); see ADDRESS in rxdb/common. */
    address: jsonb('address').$type<Address>(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps,
    ...syncColumns(),
  },
  (t) => [
    index('customers_tenant_seq_idx').on(t.tenantId, t.serverSeq, t.id),
    // Pattern ops serve the prefix search (LIKE 'C0012%') under any database collation and
    // enforce the same uniqueness as a plain index would.
    uniqueIndex('customers_tenant_account_key').on(
      t.tenantId,
      t.accountNumber.op('text_pattern_ops'),
    ),
    index('customers_tenant_pinyin_idx').on(t.tenantId, t.pinyinInitials.op('text_pattern_ops')),
    index('customers_tenant_name_idx').on(t.tenantId, t.name, t.id),
    index('customers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('customers_phone_digits_trgm_idx').using('gin', t.phoneDigits.op('gin_trgm_ops')),
    index('customers_phones_idx').using('gin', t.phones),
  ],
);

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    number: text('number').notNull(),
    type: workOrderTypeEnum('type').notNull(),
    status: workOrderStatusEnum('status').notNull().default('new'),
    /** 1 (highest) .. 5 (lowest), as on every desktop (WORK_ORDER_PRIORITIES). */
    priority: smallint('priority').notNull().default(3),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** Back-office queue key ('' when none): work orders not for a field technician. */
    queue: text('queue').notNull().default(''),
    /** The fields of the type's form, validated by the type's zod schema on the way in. */
    details: jsonb('details')
      .$type<Record<string, string | number | boolean>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    appointmentStart: timestamp('appointment_start', { withTimezone: true }),
    appointmentEnd: timestamp('appointment_end', { withTimezone: true }),
    /** Where the work is done (null: none), structured as the customer's address. */
    address: jsonb('address').$type<Address>(),
    description: text('description').notNull().default(''),
    history: jsonb('history')
      .$type<WorkOrderHistoryEntry[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The technician's append-only lists (entries with ids, device times). */
    partsUsed: jsonb('parts_used')
      .$type<PartUsedEntry[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    timeSpent: jsonb('time_spent')
      .$type<TimeSpentEntry[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    couldNotCompleteReason: text('could_not_complete_reason').notNull().default(''),
    /** Stubs of the order's attachments by id (their bytes: work_order_attachments). */
    attachments: jsonb('attachments')
      .$type<Record<string, AttachmentStub>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    ...timestamps,
    ...syncColumns(),
  },
  (t) => [
    index('work_orders_tenant_seq_idx').on(t.tenantId, t.serverSeq, t.id),
    index('work_orders_assignee_seq_idx').on(t.assigneeId, t.serverSeq, t.id),
    uniqueIndex('work_orders_tenant_number_key').on(t.tenantId, t.number),
    index('work_orders_customer_idx').on(t.customerId),
    index('work_orders_tenant_assignee_status_idx').on(t.tenantId, t.assigneeId, t.status),
    index('work_orders_tenant_status_idx').on(t.tenantId, t.status),
    check(
      'work_orders_priority_check',
      sql.raw(
        `priority between ${Math.min(...WORK_ORDER_PRIORITIES)} and ${Math.max(...WORK_ORDER_PRIORITIES)}`,
      ),
    ),
  ],
);

/**
 * A work order's photos, files and signature (RxDB attachments of the replica's document,
 * decision 0018): added, never changed; the order's document lists them by id and digest.
 */
export const workOrderAttachments = pgTable(
  'work_order_attachments',
  {
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    attachmentId: text('attachment_id').notNull(),
    /** RxDB's digest of the bytes, as the replica computed it. */
    digest: text('digest').notNull(),
    contentType: text('content_type').notNull(),
    length: integer('length').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.workOrderId, t.attachmentId] })],
);

export const interactions = pgTable(
  'interactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    customerId: uuid('customer_id').references(() => customers.id),
    channel: channelEnum('channel').notNull(),
    direction: directionEnum('direction').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    agentId: uuid('agent_id').references(() => users.id),
    queue: text('queue'),
    callId: text('call_id'),
    disposition: text('disposition'),
    notes: text('notes').notNull().default(''),
    workOrderIds: uuid('work_order_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Remote party in E.164 when known ('' otherwise); replicated to the clients. */
    remoteNumber: text('remote_number').notNull().default(''),
    /** Connected time without hold, and time on hold (ms); 0 for calls never answered. */
    talkMs: integer('talk_ms').notNull().default(0),
    holdMs: integer('hold_ms').notNull().default(0),
    /** How the call ended (the CTI clear reason, e.g. remote-hangup); '' when not known. */
    endReason: text('end_reason').notNull().default(''),
    /** An inbound caller who hung up before anyone answered. */
    abandoned: boolean('abandoned').notNull().default(false),
    updatedAt: timestamps.updatedAt,
    ...syncColumns(),
  },
  (t) => [
    index('interactions_tenant_seq_idx').on(t.tenantId, t.serverSeq, t.id),
    index('interactions_customer_started_idx').on(t.customerId, t.startedAt),
    index('interactions_tenant_agent_started_idx').on(t.tenantId, t.agentId, t.startedAt),
    index('interactions_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('interactions_call_id_idx').on(t.callId),
  ],
);

/**
 * The SIP account a user's desktop softphone registers with. One per user; the password is
 * needed in clear by the engine (digest authentication), so it is only ever served to its own
 * user over an authenticated request and never written to logs.
 */
export const sipAccounts = pgTable('sip_accounts', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Address of record, `sip:user@domain[:port]`. */
  aor: text('aor').notNull(),
  /** Registrar/outbound proxy (`sip:host[:port]`); null for a desktop reached directly. */
  registrar: text('registrar'),
  /** Digest user name when it differs from the AOR's user part. */
  authUser: text('auth_user'),
  password: text('password'),
  ...timestamps,
});

/**
 * Documents that left a user's sync scope (a technician's work order reassigned to someone
 * else, and that order's customer when he has no other order of it): his next pull reports
 * them as deleted so they leave his replica. Kept by triggers (migration 0002).
 */
export const syncScopeExits = pgTable(
  'sync_scope_exits',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    collection: text('collection').notNull(),
    docId: uuid('doc_id').notNull(),
    serverSeq: bigint('server_seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.collection, t.docId] }),
    index('sync_scope_exits_user_seq_idx').on(t.userId, t.collection, t.serverSeq, t.docId),
  ],
);

/**
 * Read-only reference data replicated to every desktop of the tenant (products, fees,
 * policies, departments, queues, codes, and one row per user kept by a trigger on users,
 * migration 0005). Written by seeding and administration only; sync refuses pushes.
 */
export const referenceItems = pgTable(
  'reference_items',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    labelEn: text('label_en').notNull(),
    labelZh: text('label_zh').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Kind-specific attributes (src-shared/rxdb/reference-data.ts). */
    data: jsonb('data')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    ...timestamps,
    ...syncColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.kind, t.key] }),
    index('reference_items_tenant_seq_idx').on(t.tenantId, t.serverSeq),
    check(
      'reference_items_kind_check',
      sql.raw(`kind in (${REFERENCE_KINDS.map((k) => `'${k}'`).join(', ')})`),
    ),
    check('reference_items_key_check', sql`${t.key} ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'`),
    check('reference_items_sort_order_check', sql`${t.sortOrder} between 0 and 1000000`),
  ],
);

/**
 * What each signed-in agent core last reported about its agent (decision 0021). A report holds
 * until `lease_expires_at`, set from the database's clock so that every server process agrees;
 * past it the directory shows the agent offline, whatever the last report said.
 */
export const agentPresence = pgTable(
  'agent_presence',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    state: text('state').notNull(),
    reasonCode: text('reason_code'),
    /** When the reported state began (a renewal of the same state keeps it). */
    stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('agent_presence_tenant_idx').on(t.tenantId),
    check(
      'agent_presence_state_check',
      sql`${t.state} in ('ready', 'not_ready', 'talking', 'wrap_up', 'logged_out')`,
    ),
  ],
);

/** Which teams and queues (reference data keys) a user belongs to, for the directory. */
export const userGroups = pgTable(
  'user_groups',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.key] }),
    check('user_groups_kind_check', sql`${t.kind} in ('team', 'queue')`),
  ],
);

/**
 * Digests of the pushed states the server applied, so that a client whose push answer was
 * lost can learn that its state was applied and then overwritten knowingly (decision 0023).
 * Written in the push transaction; pruned there too: per document the newest 20, none older
 * than 30 days (src-server/sync/applied-pushes.ts).
 */
export const syncAppliedPushes = pgTable(
  'sync_applied_pushes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Who pushed: a digest is confirmed only to its own pusher. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    collection: text('collection').notNull(),
    docId: text('doc_id').notNull(),
    /** SHA-256 (hex) of the state's content as push.ts compares it. */
    digest: text('digest').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sync_applied_pushes_doc_idx').on(t.tenantId, t.collection, t.docId, t.id),
    index('sync_applied_pushes_applied_at_idx').on(t.appliedAt),
    check('sync_applied_pushes_digest_check', sql`${t.digest} ~ '^[0-9a-f]{64}$'`),
    check('sync_applied_pushes_doc_id_check', sql`length(${t.docId}) <= 96`),
  ],
);
