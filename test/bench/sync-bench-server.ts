/**
 * The sync benchmark's server, in its own process (the benchmark process plays the agent
 * core, whose event loop is measured): the real server on the scratch PostgreSQL database
 * named by BENCH_DATABASE_URL, the demo tenants and users, then BENCH_CUSTOMERS customers and
 * BENCH_WORK_ORDERS work orders of the demo generator bulk-inserted into tenant 'demo'.
 * Prints one JSON line {url, seedMs} once listening; SIGTERM stops it.
 */
import { eq } from 'drizzle-orm';
import { createServer } from '../../src-server/app';
import { phoneDigitsColumn } from '../../src-server/customers/phone-search';
import { insertJsonRows } from '../../src-server/demo/bulk-insert';
import { generateWorkOrder, type ActivityContext } from '../../src-server/demo/generate-activity';
import { generateCustomer } from '../../src-server/demo/generate-customer';
import { DEFAULT_REFERENCE_TIME } from '../../src-server/demo/generate';
import { DemoRandom } from '../../src-server/demo/random';
import { seedDemo } from '../../src-server/demo/seed';
import type { Database } from '../../src-server/db/connect';
import { customers, tenants, users, workOrders } from '../../src-server/db/schema';

const databaseUrl = process.env['BENCH_DATABASE_URL'];
const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 200_000);
const WORK_ORDERS = Number(process.env['BENCH_WORK_ORDERS'] ?? 100_000);
/** Rows per INSERT statement (one JSON parameter each). */
const INSERT_BATCH = 5000;

async function seedBulk(db: Database): Promise<void> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, 'demo'));
  if (!tenant) throw new Error('demo tenant missing');
  const staff = await db.select().from(users).where(eq(users.tenantId, tenant.id));
  const idsOf = (role: string) => staff.filter((u) => u.role === role).map((u) => u.id);
  const rng = new DemoRandom(4242);
  const refMs = Date.parse(DEFAULT_REFERENCE_TIME);
  let workOrderSeq = 0;
  const ctx: ActivityContext = {
    rng,
    refMs,
    agentIds: idsOf('agent'),
    technicianIds: idsOf('technician'),
    nextWorkOrderNumber: () => `WO${String(++workOrderSeq).padStart(8, '0')}`,
  };
  // Every (CUSTOMERS / WORK_ORDERS)-th customer has one work order.
  const every = WORK_ORDERS > 0 ? CUSTOMERS / WORK_ORDERS : Infinity;
  for (let start = 0; start < CUSTOMERS; start += INSERT_BATCH) {
    const customerRows: Record<string, unknown>[] = [];
    const orderRows: Record<string, unknown>[] = [];
    for (let index = start; index < Math.min(CUSTOMERS, start + INSERT_BATCH); index++) {
      const customer = generateCustomer(rng, index, 'C', refMs);
      customerRows.push({
        ...customer,
        tenantId: tenant.id,
        phoneDigits: phoneDigitsColumn(customer.phones),
        updatedAt: customer.createdAt,
      });
      if (workOrderSeq < WORK_ORDERS && index >= workOrderSeq * every) {
        orderRows.push({ ...generateWorkOrder(ctx, customer), tenantId: tenant.id });
      }
    }
    await db.transaction(async (tx) => {
      await insertJsonRows(tx, customers, customerRows);
      await insertJsonRows(tx, workOrders, orderRows);
    });
  }
}

async function run(): Promise<void> {
  if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const server = await createServer({
    logLevel: 'silent',
    databaseUrl,
    accessTokenTtlSeconds: 3600,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  const started = performance.now();
  // Tenants, users and acme's few customers; the demo tenant's rows come in bulk below.
  await seedDemo(server.db, { size: 0, seed: 7 });
  await seedBulk(server.db);
  const seedMs = performance.now() - started;
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url, seedMs })}\n`);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
