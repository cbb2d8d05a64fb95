import { ContractError } from '../../src-shared/contract/errors';
import type { CustomerSearchQuery, CustomerSearchResult } from '../../src-shared/http/customers';
import type { ReplicaDatabase } from '../replica/open-replica';
import { searchReplicaCustomers } from './replica-customers';

export type CustomerSearchOptions = {
  /**
   * True once the replica has been through a complete sync in this session. Until then
   * (first sign-in on this desktop) it may hold none or part of the customers, and the
   * server answers.
   */
  replicaSynced?: () => boolean;
  warn?: (message: string) => void;
};

/**
 * The search box answers from this desktop's replica (name prefix, pinyin initials, phone
 * suffix, account number, exact totals; see docs/decisions/0010), instantly and whether or
 * not the server is reachable. The central server answers when there is no replica (it
 * could not open), when the replica has not synced yet and the server is reachable, or
 * when the replica's search fails.
 */
export function createCustomerSearch(
  replica: ReplicaDatabase | null,
  searchServer: (query: CustomerSearchQuery) => Promise<CustomerSearchResult>,
  options: CustomerSearchOptions = {},
): (query: CustomerSearchQuery) => Promise<CustomerSearchResult> {
  const fromReplica = async (query: CustomerSearchQuery) => {
    try {
      return await searchReplicaCustomers(replica!.customers, query);
    } catch (error) {
      options.warn?.(`customer search: the replica failed (${(error as Error).message})`);
      return null;
    }
  };
  return async (query) => {
    if (replica && (options.replicaSynced?.() ?? true)) {
      const answer = await fromReplica(query);
      if (answer) return answer;
    }
    try {
      return { ...(await searchServer(query)), source: 'server' };
    } catch (error) {
      const offline = error instanceof ContractError && error.code === 'server_unreachable';
      if (!offline || !replica) throw error;
      // Offline before the first sync completed: what the replica has is all there is.
      const answer = await fromReplica(query);
      if (!answer) throw error;
      return answer;
    }
  };
}
