import { z } from 'zod';

/** The four kinds of user; the server decides what each may see and change. */
export const ROLES = ['agent', 'supervisor', 'technician', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
