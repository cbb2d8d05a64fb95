import type { CommandHandlers } from '../../src-shared/contract/contract';
import type { DirectoryResult } from '../../src-shared/contract/directory';
import { ContractError } from '../../src-shared/contract/errors';
import type { Directory } from '../../src-shared/http/directory';

export type DirectoryDeskOptions = {
  /** Asks the central server, with the signed-in user's token. */
  fetchDirectory: () => Promise<Directory>;
  signedIn: () => boolean;
  warn: (message: string) => void;
};

/**
 * `directory.get`: the server's directory, or why there is none. Never an error: the transfer
 * dialog falls back to a typed number whatever went wrong.
 */
export function createDirectoryDesk(
  options: DirectoryDeskOptions,
): Pick<CommandHandlers, 'directory.get'> {
  return {
    'directory.get': async (): Promise<DirectoryResult> => {
      if (!options.signedIn()) return { available: false, reason: 'signed_out' };
      try {
        const directory = await options.fetchDirectory();
        return { available: true, ...directory };
      } catch (error) {
        if (error instanceof ContractError) {
          if (error.code === 'server_unreachable') return { available: false, reason: 'offline' };
          if (error.code === 'forbidden') return { available: false, reason: 'forbidden' };
          if (error.code === 'unauthorized') return { available: false, reason: 'signed_out' };
        }
        options.warn(`directory: ${String(error)}`);
        return { available: false, reason: 'error' };
      }
    },
  };
}
