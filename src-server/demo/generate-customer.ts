import { pinyin } from 'pinyin-pro';
import type { VipTier } from '../../src-shared/domain/customer';
import type { Address } from '../../src-shared/rxdb/common';
import { pinyinInitials } from '../../src-shared/domain/pinyin';
import { EMAIL_DOMAINS, MOBILE_PREFIXES, STREETS, TAGS, VIP_WEIGHTS } from './catalog';
import { CITIES, type City } from './cities';
import type { DemoRandom } from './random';

export interface DemoCustomer {
  id: string;
  accountNumber: string;
  name: string;
  pinyinInitials: string;
  phones: string[];
  emails: string[];
  vipTier: VipTier;
  address: Address;
  tags: string[];
  createdAt: string;
}

/** Share of customers with an English (Latin) name. */
export const ENGLISH_NAME_SHARE = 0.12;

function mobile(rng: DemoRandom): string {
  return `+86${rng.pick(MOBILE_PREFIXES)}${rng.digits(8)}`;
}

function landline(rng: DemoRandom, city: City): string {
  // Local numbers start with 2-8 and have 8 digits in the large cities used here.
  return `+86${city.areaCode}${rng.int(2, 8)}${rng.digits(7)}`;
}

function address(rng: DemoRandom, city: City): Address {
  const district = rng.pick(city.districts);
  const street = rng.pick(STREETS);
  const home = `${rng.int(1, 30)}栋${rng.int(1, 6)}单元${rng.int(1, 32)}0${rng.int(1, 4)}室`;
  return {
    line1: `${street}${rng.int(1, 999)}号${home}`,
    district,
    city: city.name,
    // Beijing, Shanghai and the other municipalities are not in a province.
    ...(city.province ? { province: city.province } : {}),
  };
}

function emailLocalPart(rng: DemoRandom, name: string, english: boolean): string {
  const base = english
    ? name.toLowerCase().replace(/[^a-z]+/g, '.')
    : pinyin(name, { toneType: 'none', separator: '', surname: 'head', nonZh: 'removed' })
        .toLowerCase()
        .replace(/[^a-z]/g, '');
  return `${base.replace(/^\.+|\.+$/g, '') || 'user'}${rng.chance(0.6) ? rng.int(1, 999) : ''}`;
}

export function generateCustomer(
  rng: DemoRandom,
  index: number,
  accountPrefix: string,
  refMs: number,
): DemoCustomer {
  const english = rng.chance(ENGLISH_NAME_SHARE);
  const name = english
    ? rng.en.person.fullName()
    : `${rng.zh.person.lastName()}${rng.zh.person.firstName()}`;
  const city = rng.weighted(CITIES);

  const phones = [rng.chance(0.88) ? mobile(rng) : landline(rng, city)];
  if (rng.chance(0.3)) phones.push(rng.chance(0.5) ? mobile(rng) : landline(rng, city));
  const uniquePhones = [...new Set(phones)];

  const tagCount = rng.weighted([
    { weight: 40, value: 0 },
    { weight: 35, value: 1 },
    { weight: 18, value: 2 },
    { weight: 7, value: 3 },
  ]);
  const tags = [...new Set(Array.from({ length: tagCount }, () => rng.pick(TAGS)))];

  const email = rng.chance(english ? 0.9 : 0.55)
    ? `${emailLocalPart(rng, name, english)}@${rng.weighted(EMAIL_DOMAINS)}`
    : null;
  const fiveYears = 5 * 365 * 86_400_000;

  return {
    id: rng.uuid(),
    accountNumber: `${accountPrefix}${String(index + 1).padStart(8, '0')}`,
    name,
    pinyinInitials: pinyinInitials(name),
    phones: uniquePhones,
    emails: email ? [email] : [],
    vipTier: rng.weighted(VIP_WEIGHTS),
    address: address(rng, city),
    tags,
    createdAt: new Date(rng.between(refMs - fiveYears, refMs - 30 * 86_400_000)).toISOString(),
  };
}
