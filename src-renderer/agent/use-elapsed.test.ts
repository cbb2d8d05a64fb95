import { describe, expect, it } from 'vitest';
import { formatDuration } from './use-elapsed';

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [61_000, '01:01'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [36_061_000, '10:01:01'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
