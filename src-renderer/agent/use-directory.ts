import { useEffect, useState } from 'react';
import type { DirectoryResult } from '../../src-shared/contract/directory';
import { useCore } from '../app/core-context';

/** Presence changes by the second; while the dialog is open it is asked again this often. */
const REFRESH_MS = 5_000;

/** The directory while `open`; null until the first answer. */
export function useDirectory(open: boolean): DirectoryResult | null {
  const client = useCore();
  const [directory, setDirectory] = useState<DirectoryResult | null>(null);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const load = () =>
      client
        .call('directory.get', {})
        .then((result) => !cancelled && setDirectory(result))
        .catch(() => !cancelled && setDirectory({ available: false, reason: 'error' }));
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, open]);
  return directory;
}
