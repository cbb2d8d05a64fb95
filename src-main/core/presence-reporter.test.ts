import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src-shared/contract/errors';
import type { AgentStatus } from '../../src-shared/domain/agent';
import type { PresenceLease, PresenceReport } from '../../src-shared/http/directory';
import { PresenceReporter, presenceReportOf, type Scheduler } from './presence-reporter';

/** Timers the test fires by hand: renewal is checked by what is due, not by the clock. */
function manualScheduler() {
  const due = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const scheduler: Scheduler = {
    set(run, ms) {
      next += 1;
      due.set(next, { run, ms });
      return next;
    },
    clear(handle) {
      due.delete(handle as number);
    },
  };
  return {
    scheduler,
    pending: () => [...due.values()].map((timer) => timer.ms),
    fireAll() {
      const timers = [...due.entries()];
      due.clear();
      for (const [, timer] of timers) timer.run();
    },
  };
}

/** The server side of the boundary: answers, refuses, or is not there. */
function scriptedServer(leaseSeconds = 90) {
  const received: PresenceReport[] = [];
  let reachable = true;
  let release: (() => void) | null = null;
  let holdNext = false;
  const send = async (report: PresenceReport): Promise<PresenceLease> => {
    if (holdNext) {
      holdNext = false;
      await new Promise<void>((resolve) => (release = resolve));
    }
    if (!reachable) {
      throw new ContractError({ code: 'server_unreachable', message: 'no server' });
    }
    received.push(report);
    return { leaseSeconds };
  };
  return {
    send,
    received,
    setReachable: (value: boolean) => (reachable = value),
    holdNextAnswer: () => (holdNext = true),
    releaseAnswer: () => release?.(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('presenceReportOf', () => {
  it.each<[AgentStatus, string | null, PresenceReport]>([
    ['ready', null, { state: 'ready' }],
    ['not-ready', 'lunch', { state: 'not_ready', reasonCode: 'lunch' }],
    ['not-ready', null, { state: 'not_ready' }],
    ['not-ready', 'no such <reason>', { state: 'not_ready' }],
    ['offered', null, { state: 'talking' }],
    ['dialing', null, { state: 'talking' }],
    ['talking', null, { state: 'talking' }],
    ['held', null, { state: 'talking' }],
    ['consulting', null, { state: 'talking' }],
    ['wrap-up', null, { state: 'wrap_up' }],
    ['logged-out', null, { state: 'logged_out' }],
  ])('%s (%s) is reported as %j', (status, notReadyReason, report) => {
    expect(presenceReportOf({ status, notReadyReason })).toEqual(report);
  });
});

describe('PresenceReporter', () => {
  it('reports at start and on every change, not on repeats, and renews at a third of the lease', async () => {
    const server = scriptedServer(90);
    const timers = manualScheduler();
    const reporter = new PresenceReporter({
      send: server.send,
      warn: () => undefined,
      scheduler: timers.scheduler,
    });
    reporter.start({ state: 'not_ready', reasonCode: 'login' });
    await settle();
    reporter.update({ state: 'not_ready', reasonCode: 'login' });
    reporter.update({ state: 'ready' });
    await settle();
    expect(server.received).toEqual([
      { state: 'not_ready', reasonCode: 'login' },
      { state: 'ready' },
    ]);
    expect(timers.pending()).toEqual([30_000]);
    timers.fireAll();
    await settle();
    expect(server.received.at(-1)).toEqual({ state: 'ready' });
    expect(server.received).toHaveLength(3);
    await reporter.stop();
  });

  it('keeps only the latest state while a report is on its way', async () => {
    const server = scriptedServer();
    const timers = manualScheduler();
    const reporter = new PresenceReporter({
      send: server.send,
      warn: () => undefined,
      scheduler: timers.scheduler,
    });
    server.holdNextAnswer();
    reporter.start({ state: 'ready' });
    await settle();
    reporter.update({ state: 'talking' });
    reporter.update({ state: 'wrap_up' });
    server.releaseAnswer();
    await settle();
    await settle();
    expect(server.received).toEqual([{ state: 'ready' }, { state: 'wrap_up' }]);
    await reporter.stop();
  });

  it('tolerates an unreachable server: warns once, retries, and catches up on the next change', async () => {
    const server = scriptedServer();
    const timers = manualScheduler();
    const warnings: string[] = [];
    const reporter = new PresenceReporter({
      send: server.send,
      warn: (message) => warnings.push(message),
      scheduler: timers.scheduler,
    });
    server.setReachable(false);
    reporter.start({ state: 'ready' });
    await settle();
    expect(timers.pending()).toEqual([15_000]);
    timers.fireAll();
    await settle();
    reporter.update({ state: 'talking' });
    await settle();
    expect(warnings).toHaveLength(1);
    expect(server.received).toEqual([]);

    server.setReachable(true);
    reporter.update({ state: 'wrap_up' });
    await settle();
    expect(server.received).toEqual([{ state: 'wrap_up' }]);
    expect(warnings.at(-1)).toContain('takes reports again');
    await reporter.stop();
  });

  it('sends nothing after stop but the one final report, and no final report when never started', async () => {
    const server = scriptedServer();
    const timers = manualScheduler();
    const reporter = new PresenceReporter({
      send: server.send,
      warn: () => undefined,
      scheduler: timers.scheduler,
    });
    await reporter.stop({ state: 'logged_out' });
    expect(server.received).toEqual([]);
    reporter.start({ state: 'ready' });
    await settle();
    await reporter.stop({ state: 'logged_out' });
    reporter.update({ state: 'talking' });
    timers.fireAll();
    await settle();
    expect(server.received).toEqual([{ state: 'ready' }, { state: 'logged_out' }]);
    expect(timers.pending()).toEqual([]);
  });

  it('does not let a failing final report reach the caller', async () => {
    const server = scriptedServer();
    const reporter = new PresenceReporter({
      send: server.send,
      warn: () => undefined,
      scheduler: manualScheduler().scheduler,
    });
    reporter.start({ state: 'ready' });
    await settle();
    server.setReachable(false);
    await expect(reporter.stop({ state: 'logged_out' })).resolves.toBeUndefined();
  });
});
