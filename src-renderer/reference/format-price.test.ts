import { describe, expect, it } from 'vitest';
import { formatCny } from './format-price';

describe('formatCny', () => {
  it('writes yuan the way each language does', () => {
    expect(formatCny(199, 'zh-CN')).toBe('¥199.00');
    expect(formatCny(1299.5, 'en')).toBe('CN¥1,299.50');
  });
});
