import { randomBytes, randomUUID } from 'node:crypto';
import type { CommandHandlers } from '../../src-shared/contract/contract';
import { ContractError } from '../../src-shared/contract/errors';
import {
  CUSTOMER_FORM_ERRORS,
  CustomerFormSchema,
  MAX_CUSTOMER_PHONES,
  type CustomerForm,
} from '../../src-shared/domain/customer-form';
import type { Address } from '../../src-shared/rxdb/common';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import type { ReplicaDatabase } from '../replica/open-replica';
import type { CallLinks } from './call-links';

export type CustomerHandlers = Pick<
  CommandHandlers,
  'customers.create' | 'customers.update' | 'customers.addPhone' | 'customers.linkCall'
>;

export type CustomerDeskOptions = {
  replica: ReplicaDatabase | null;
  links: CallLinks;
  now?: () => number;
};

/**
 * Customers created and edited at the agent's desk: written into the replica (derived search
 * keys are filled by the replica's hooks), shown at once, pushed by sync.
 */
export function createCustomerDesk(options: CustomerDeskOptions): { handlers: CustomerHandlers } {
  const now = options.now ?? Date.now;
  const replicaOf = (): ReplicaDatabase => {
    if (!options.replica) {
      throw new ContractError({
        code: 'unavailable',
        message: 'customers are edited in the offline replica, which this desktop does not have',
      });
    }
    return options.replica;
  };
  const existing = async (replica: ReplicaDatabase, id: string) => {
    const found = await replica.customers.findOne(id).exec();
    if (!found) throw new ContractError({ code: 'bad_request', message: 'no such customer' });
    return found;
  };

  return {
    handlers: {
      'customers.create': async ({ customer, callId }) => {
        const replica = replicaOf();
        const at = now();
        const id = randomUUID();
        const accountNumber = customer.accountNumber || allocateAccountNumber(at);
        await refuseTakenAccountNumber(replica, accountNumber, id);
        await replica.customers.insert({
          id,
          ...fields(customer),
          accountNumber,
          // Filled by the replica's pre-insert hook from name and phones.
          nameKey: '',
          pinyinKey: '',
          phoneRev0: '',
          phoneRev1: '',
          phoneRev2: '',
          phoneRev3: '',
          updatedAt: at,
          serverSeq: 0,
        } satisfies CustomerDoc);
        if (callId) options.links.setCustomer(callId, id);
        return { id, accountNumber };
      },
      'customers.update': async ({ id, customer }) => {
        const replica = replicaOf();
        const found = await existing(replica, id);
        const accountNumber = customer.accountNumber || found.accountNumber;
        await refuseTakenAccountNumber(replica, accountNumber, id);
        // The form is the whole customer, except the address parts it does not show (another
        // desktop may have stored line2 or a country): those are kept, never dropped unseen.
        await found.incrementalModify(({ address: previous, ...doc }) => {
          const { address: edited, ...rest } = fields(customer);
          const address = definedAddress({ ...partsTheFormLacks(previous), ...edited });
          return {
            ...doc,
            ...rest,
            ...(address ? { address } : {}),
            accountNumber,
            updatedAt: now(),
          };
        });
        return { id, accountNumber };
      },
      'customers.addPhone': async ({ id, phone, callId }) => {
        const replica = replicaOf();
        const found = await existing(replica, id);
        if (!found.phones.includes(phone)) {
          if (found.phones.length >= MAX_CUSTOMER_PHONES) {
            throw new ContractError({
              code: 'bad_request',
              message: `a customer has at most ${MAX_CUSTOMER_PHONES} numbers`,
              issues: [{ path: 'phone', message: CUSTOMER_FORM_ERRORS.phonesMax }],
            });
          }
          await found.incrementalModify((doc) => ({
            ...doc,
            phones: [...doc.phones, phone],
            updatedAt: now(),
          }));
        }
        if (callId) options.links.setCustomer(callId, id);
        return { id, accountNumber: found.accountNumber };
      },
      'customers.linkCall': async ({ id, callId }) => {
        const found = await existing(replicaOf(), id);
        options.links.setCustomer(callId, id);
        return { id, accountNumber: found.accountNumber };
      },
    },
  };
}

/** Like work order numbers: unique without asking the server, so it works offline. */
export function allocateAccountNumber(at: number): string {
  const random = [...randomBytes(3)].map((byte) => (byte % 36).toString(36)).join('');
  return `C-${at.toString(36)}${random}`.toUpperCase();
}

async function refuseTakenAccountNumber(
  replica: ReplicaDatabase,
  accountNumber: string,
  id: string,
): Promise<void> {
  const taken = await replica.customers.findOne({ selector: { accountNumber } }).exec();
  if (taken && taken.id !== id) {
    throw new ContractError({
      code: 'bad_request',
      message: 'another customer has this account number',
      issues: [{ path: 'accountNumber', message: 'customerForm.errors.accountTaken' }],
    });
  }
}

function fields(
  customer: CustomerForm,
): Omit<
  CustomerDoc,
  | 'id'
  | 'accountNumber'
  | 'nameKey'
  | 'pinyinKey'
  | `phoneRev${0 | 1 | 2 | 3}`
  | 'updatedAt'
  | 'serverSeq'
> {
  const address = definedAddress(customer.address);
  return {
    name: customer.name,
    phones: customer.phones,
    emails: customer.emails,
    vipTier: customer.vipTier,
    tags: customer.tags,
    ...(address ? { address } : {}),
  };
}

const FORM_ADDRESS_PARTS = new Set(Object.keys(CustomerFormSchema.shape.address.unwrap().shape));

function partsTheFormLacks(address: Address | undefined): Address {
  return Object.fromEntries(
    Object.entries(address ?? {}).filter(([part]) => !FORM_ADDRESS_PARTS.has(part)),
  ) as Address;
}

function definedAddress(address: CustomerForm['address'] | Address): Address | undefined {
  if (!address) return undefined;
  const kept = Object.fromEntries(
    Object.entries(address).filter(([, value]) => value !== undefined && value !== ''),
  ) as Address;
  return Object.keys(kept).length > 0 ? kept : undefined;
}
