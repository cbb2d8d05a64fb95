import type { ConflictDoc } from '../../../../src-shared/rxdb/conflicts';
import type { WorkOrderDoc } from '../../../../src-shared/rxdb/work-orders';
import type { WireDocument } from '../../../../src-shared/sync/protocol';
import type { FaultRunReport } from './fault-scenario';

/** The two replicas of a fault run. */
export type ClientName = 'A' | 'B';

/** One edit a fault run sent to a client, and what became of it. */
export type Write = {
  client: ClientName;
  workOrderId: string;
  field: 'description' | 'note' | 'priority';
  value: string | number;
  seq: number;
  acked: boolean;
  /** The description the writer's replica held when the edit committed. */
  base?: string;
};

/** The end-state checks of a fault run (listed in fault-scenario.ts); failures go to violations. */
export function checkInvariants(
  report: FaultRunReport,
  writes: Write[],
  server: WireDocument[],
  conflicts: Record<ClientName, ConflictDoc[]>,
  initialPriority: Map<string, number>,
): void {
  const fail = (message: string) => report.violations.push(message);
  const byId = new Map(server.map((d) => [d.id, d as unknown as WorkOrderDoc]));
  const other = (c: ClientName): ClientName => (c === 'A' ? 'B' : 'A');

  // History notes: acknowledged ones exactly once, none twice, none from nowhere.
  const sentNotes = new Map(writes.filter((w) => w.field === 'note').map((w) => [w.value, w]));
  for (const [id, doc] of byId) {
    const counts = new Map<string, number>();
    for (const entry of doc.history) {
      if (entry.note && sentNotes.has(entry.note)) {
        counts.set(entry.note, (counts.get(entry.note) ?? 0) + 1);
        if (sentNotes.get(entry.note)!.workOrderId !== id)
          fail(`note ${entry.note} on the wrong order ${id}`);
      }
    }
    for (const [note, n] of counts) if (n > 1) fail(`note ${note} applied ${n} times on ${id}`);
  }
  for (const w of writes.filter((x) => x.field === 'note' && x.acked)) {
    const present = byId.get(w.workOrderId)?.history.some((e) => e.note === w.value);
    if (!present) fail(`acknowledged note ${w.value} (client ${w.client}) lost`);
  }

  // Descriptions: final, seen and overwritten, or kept as a conflict record.
  const descriptions = writes.filter((w) => w.field === 'description');
  const seenAsBase = new Set(descriptions.filter((w) => w.acked).map((w) => w.base));
  for (const w of descriptions.filter((x) => x.acked)) {
    const final = byId.get(w.workOrderId)?.description === w.value;
    const overwritten = seenAsBase.has(w.value as string);
    const laterUnacked = descriptions.some(
      (x) => !x.acked && x.client === w.client && x.workOrderId === w.workOrderId && x.seq > w.seq,
    );
    const recorded = conflicts[w.client].some(
      (c) =>
        c.docId === w.workOrderId &&
        c.field === 'description' &&
        c.local === JSON.stringify(w.value),
    );
    if (!final && !overwritten && !laterUnacked && !recorded) {
      fail(
        `acknowledged description ${w.value} (client ${w.client}) lost without a conflict record`,
      );
    }
  }

  // Priority: only A writes it.
  for (const [id, initial] of initialPriority) {
    const mine = writes.filter((w) => w.field === 'priority' && w.workOrderId === id);
    const lastAcked = mine.filter((w) => w.acked).at(-1);
    const allowed = new Set<number>([(lastAcked?.value as number | undefined) ?? initial]);
    for (const w of mine)
      if (!w.acked && (!lastAcked || w.seq > lastAcked.seq)) allowed.add(w.value as number);
    const final = byId.get(id)?.priority;
    if (final === undefined || !allowed.has(final)) {
      fail(`priority of ${id} is ${final}, expected one of ${[...allowed].join(', ')}`);
    }
  }

  // Conflict records: only where both clients changed the description concurrently.
  for (const client of ['A', 'B'] as const) {
    for (const record of conflicts[client].filter((c) => c.sourceCollection === 'work_orders')) {
      report.conflictRecords++;
      const label = `client ${client} conflict record ${record.id}`;
      if (record.field === 'priority' && client === 'A') {
        // Only A writes priority: a record can only be A's own older value come back.
        const ownWrites = writes.filter(
          (w) => w.field === 'priority' && w.workOrderId === record.docId && w.client === 'A',
        );
        const [local, serverValue] = [JSON.parse(record.local), JSON.parse(record.server)];
        const older = ownWrites.find((w) => w.value === serverValue && w.acked);
        const newer = ownWrites.find((w) => w.value === local && older && w.seq > older.seq);
        if (older && newer) {
          fail(
            `${label}: A's own older priority ${serverValue} was restored over its newer ${local}`,
          );
          continue;
        }
      }
      if (record.field !== 'description') {
        fail(
          `${label}: on ${record.field}, which only one side changes (base ${record.base.slice(0, 100)}, ` +
            `local ${record.local.slice(0, 100)}, server ${record.server.slice(0, 200)}, initial ${initialPriority.get(record.docId)}; ` +
            `${client}'s ${record.field} writes on ${record.docId}: ${writes
              .filter((w) => w.field === record.field && w.workOrderId === record.docId)
              .map((w) => `${w.seq}:${w.value}${w.acked ? '' : '?'}`)
              .join(' ')})`,
        );
        continue;
      }
      const local = JSON.parse(record.local) as string;
      const serverValue = JSON.parse(record.server) as string;
      const mineWrite = descriptions.find((w) => w.client === client && w.value === local);
      const theirs = descriptions.find((w) => w.value === serverValue);
      if (!mineWrite) fail(`${label}: local value ${local} is not an edit of client ${client}`);
      if (
        theirs &&
        theirs.client === client &&
        theirs.acked &&
        mineWrite &&
        mineWrite.seq > theirs.seq
      ) {
        // The merge took the client's own applied value for another side's change and put it
        // back over the newer edit (decision 0020: the book of unanswered pushes prevents it).
        fail(`${label}: the client's own older value ${serverValue} was restored over ${local}`);
      } else if (!theirs || theirs.client !== other(client)) {
        fail(`${label}: server value ${serverValue} is not an edit of the other client`);
      } else if (theirs.acked && theirs.base === local) {
        // Also after a lost answer: the server confirms the applied push (decision 0023).
        fail(
          `${label}: the other client had seen ${local} before writing ${serverValue}: no conflict`,
        );
      }
    }
  }
}
