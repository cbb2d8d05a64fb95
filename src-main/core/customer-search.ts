import { ContractError } from '../../src-shared/contract/errors';
import type { CustomerSearchQuery, CustomerSearchResult } from '../../src-shared/http/customers';
import { searchCustomers } from '../replica/customer-lookup';
import type { ReplicaDatabase } from '../replica/open-replica';
import { toCustomerSummary } from './replica-customers';

/**
 * The search box: the central server while it answers (full matching: substrings, account
 * numbers, exact totals); this desktop's replica when the server cannot be reached, so an agent
 * can still find a caller offline (name prefix, pinyin initials, phone suffix).
 */
export function createCustomerSearch(
  replica: ReplicaDatabase | null,
  searchServer: (query: CustomerSearchQuery) => Promise<CustomerSearchResult>,
): (query: CustomerSearchQuery) => Promise<CustomerSearchResult> {
  return async (query) => {
    try {
      return { ...(await searchServer(query)), source: 'server' };
    } catch (error) {
      const offline = error instanceof ContractError && error.code === 'server_unreachable';
      if (!offline || !replica) throw error;
      const { customers } = await searchCustomers(
        replica.customers,
        query.q,
        query.offset + query.limit,
      );
      const items = customers.slice(query.offset).map(toCustomerSummary);
      return { items, total: query.offset + items.length, source: 'replica' };
    }
  };
}
