import { createContext, useContext } from 'react';

/** Whether this window has the replica (and so the RxDB provider) at all. */
export const ReplicaAvailableContext = createContext(false);

export function useReplicaAvailable(): boolean {
  return useContext(ReplicaAvailableContext);
}
