import { z } from 'zod';

export const VIP_TIERS = ['none', 'silver', 'gold', 'platinum'] as const;
export const VipTierSchema = z.enum(VIP_TIERS);
export type VipTier = z.infer<typeof VipTierSchema>;

/** An E.164 number: '+', country code, subscriber number; at most 15 digits. */
export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number');

export const CustomerSummarySchema = z.object({
  id: z.string().uuid(),
  accountNumber: z.string().min(1).max(32),
  name: z.string().min(1).max(200),
  /** Pinyin initials of a Chinese name (e.g. 'zs' for 张三), lower-case; '' for Latin names. */
  pinyinInitials: z.string().max(64),
  phones: z.array(E164Schema).max(20),
  email: z.string().max(320).nullable(),
  vipTier: VipTierSchema,
  city: z.string().max(100),
  address: z.string().max(500),
  tags: z.array(z.string().max(50)).max(50),
  updatedAt: z.string().datetime({ offset: true }),
});
export type CustomerSummary = z.infer<typeof CustomerSummarySchema>;
