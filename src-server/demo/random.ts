import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { Weighted } from './catalog';

/**
 * All randomness of the demo data, from one seed. Two faker instances (Chinese and
 * English) draw from their own seeded streams; nothing reads the clock.
 */
export class DemoRandom {
  readonly zh: Faker;
  readonly en: Faker;

  constructor(seed: number) {
    this.zh = new Faker({ locale: [zh_CN, base] });
    this.zh.seed(seed);
    this.en = new Faker({ locale: [en, base] });
    this.en.seed(seed ^ 0x5bd1e995);
  }

  int(min: number, max: number): number {
    return this.zh.number.int({ min, max });
  }

  chance(probability: number): boolean {
    return this.zh.number.float({ min: 0, max: 1 }) < probability;
  }

  pick<T>(items: readonly T[]): T {
    return this.zh.helpers.arrayElement(items);
  }

  weighted<T>(table: Weighted<T>): T {
    return this.zh.helpers.weightedArrayElement(table as { weight: number; value: T }[]);
  }

  digits(count: number): string {
    return this.zh.string.numeric({ length: count, allowLeadingZeros: true });
  }

  uuid(): string {
    return this.zh.string.uuid();
  }

  /** A moment between `from` and `to` (epoch ms), at whole seconds. */
  between(from: number, to: number): number {
    return Math.floor(this.int(from, to) / 1000) * 1000;
  }
}
