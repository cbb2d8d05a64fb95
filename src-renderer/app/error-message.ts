import type { TFunction } from 'i18next';
import { ContractError } from '../../src-shared/contract/errors';

/** What the user reads for a failed call: by code, in the current language. */
export function errorMessage(t: TFunction, error: unknown): string {
  const code = error instanceof ContractError ? error.code : 'internal';
  return t(`errors.${code}`);
}
