import { describe, expect, it } from 'vitest';
import {
  TECHNICIAN_TRANSITIONS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_STATUS_PROGRESS,
  isWorkOrderOpen,
  technicianMayMove,
} from './work-order';

describe('work order vocabulary', () => {
  it('ranks every status exactly once', () => {
    expect([...WORK_ORDER_STATUS_PROGRESS].sort()).toEqual([...WORK_ORDER_STATUSES].sort());
  });

  it('lets a technician move only forward, except back on site once the parts are there', () => {
    const rank = (s: string) => WORK_ORDER_STATUS_PROGRESS.indexOf(s as never);
    for (const [from, targets] of Object.entries(TECHNICIAN_TRANSITIONS)) {
      for (const to of targets) {
        if (from === 'waiting_parts' && to === 'on_site') continue;
        expect(rank(to), `${from} -> ${to}`).toBeGreaterThan(rank(from));
      }
    }
    expect(technicianMayMove('waiting_parts', 'on_site')).toBe(true);
  });

  it('keeps the call center decisions away from the technician', () => {
    for (const from of WORK_ORDER_STATUSES) {
      expect(technicianMayMove(from, 'closed')).toBe(false);
      expect(technicianMayMove(from, 'cancelled')).toBe(false);
      expect(technicianMayMove(from, 'assigned')).toBe(false);
    }
    expect(technicianMayMove('resolved', 'on_site')).toBe(false);
  });

  it('knows which orders are still open', () => {
    expect(isWorkOrderOpen('waiting_parts')).toBe(true);
    expect(isWorkOrderOpen('could_not_complete')).toBe(false);
  });
});
