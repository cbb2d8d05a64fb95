import { z } from 'zod';

/** Every screen exists in these languages; the first is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;
export const DEFAULT_LOCALE: Locale = 'zh-CN';
