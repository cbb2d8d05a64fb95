import { z } from 'zod';
import { UserProfileSchema } from '../domain/user';

export const LoginRequestSchema = z.strictObject({
  tenant: z.string().trim().min(1).max(64),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** Access tokens are short-lived JWTs; refresh tokens are opaque and rotate on every use. */
export const TokenPairSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string().datetime({ offset: true }),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string().datetime({ offset: true }),
  user: UserProfileSchema,
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const RefreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(16).max(512),
});
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const LogoutRequestSchema = RefreshRequestSchema;
