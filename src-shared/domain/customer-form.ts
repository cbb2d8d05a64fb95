import { z } from 'zod';
import { VIP_TIERS } from './customer';
import { normalizePhone } from './phone';

/** Messages are i18n keys, translated by the renderer under `customerForm.errors`. */
export const CUSTOMER_FORM_ERRORS = {
  required: 'customerForm.errors.required',
  tooLong: 'customerForm.errors.tooLong',
  phone: 'customerForm.errors.phone',
  phonesMax: 'customerForm.errors.phonesMax',
  phonesDuplicate: 'customerForm.errors.phonesDuplicate',
  email: 'customerForm.errors.email',
  emailsMax: 'customerForm.errors.emailsMax',
  accountNumber: 'customerForm.errors.accountNumber',
  tag: 'customerForm.errors.tag',
  tagsMax: 'customerForm.errors.tagsMax',
  choose: 'customerForm.errors.choose',
} as const;

/** Must match the replica's CUSTOMER_PHONE_SLOTS: every number has its own indexed slot. */
export const MAX_CUSTOMER_PHONES = 4;

const E = CUSTOMER_FORM_ERRORS;

/** A number as an agent types it ('138 0013 8000', '+86 10 6552 9988'), stored as E.164. */
export const CustomerPhoneSchema = z
  .string({ error: E.phone })
  .max(64, E.phone)
  .transform((input, context) => {
    const e164 = normalizePhone(input);
    if (!e164) {
      context.addIssue({ code: 'custom', message: E.phone });
      return z.NEVER;
    }
    return e164;
  });

const optionalLine = (max: number) =>
  z.string({ error: E.required }).trim().max(max, E.tooLong).optional();

export const CustomerFormSchema = z.strictObject({
  name: z.string({ error: E.required }).trim().min(1, E.required).max(200, E.tooLong),
  phones: z
    .array(CustomerPhoneSchema)
    .max(MAX_CUSTOMER_PHONES, E.phonesMax)
    .refine((phones) => new Set(phones).size === phones.length, E.phonesDuplicate),
  emails: z.array(z.email(E.email).max(254, E.email)).max(10, E.emailsMax),
  /** '' (or absent): the core allocates one. */
  accountNumber: z
    .string()
    .trim()
    .max(40, E.tooLong)
    .regex(/^[A-Za-z0-9-]*$/, E.accountNumber)
    .optional(),
  vipTier: z.enum(VIP_TIERS, { error: E.choose }),
  tags: z
    .array(z.string().trim().min(1, E.tag).max(50, E.tag))
    .max(50, E.tagsMax)
    .transform((tags) => [...new Set(tags)]),
  address: z
    .strictObject({
      line1: optionalLine(200),
      district: optionalLine(100),
      city: optionalLine(100),
      province: optionalLine(100),
      postalCode: optionalLine(20),
    })
    .optional(),
});
export type CustomerForm = z.output<typeof CustomerFormSchema>;
export type CustomerFormInput = z.input<typeof CustomerFormSchema>;

export const CustomerUpdateSchema = z.strictObject({
  id: z.uuid(),
  customer: CustomerFormSchema,
});

/** An unknown caller's number, added to an existing customer from the screen pop. */
export const AddCustomerPhoneSchema = z.strictObject({
  id: z.uuid(),
  phone: CustomerPhoneSchema,
});
