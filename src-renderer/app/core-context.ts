import { createContext, useContext } from 'react';
import type { ContractClient } from '../contract/client';

export const CoreContext = createContext<ContractClient | null>(null);

export function useCore(): ContractClient {
  const client = useContext(CoreContext);
  if (!client) throw new Error('useCore outside <CoreContext.Provider>');
  return client;
}
