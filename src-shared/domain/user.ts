import { z } from 'zod';
import { LocaleSchema } from './locale';
import { RoleSchema } from './roles';

export const UserProfileSchema = z.object({
  id: z.string().uuid(),
  tenantId: z.string().uuid(),
  tenantSlug: z.string(),
  tenantName: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
});
export type UserProfile = z.infer<typeof UserProfileSchema>;
