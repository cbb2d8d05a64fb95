import { createContext, useContext } from 'react';

/** Whether the central server answered the core's last request (connection.changed). */
export const ServerOnlineContext = createContext(true);

export function useServerOnline(): boolean {
  return useContext(ServerOnlineContext);
}
