import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ContractError } from '../../src-shared/contract/errors';

export type Issue = { path: string; message: string };

/**
 * Puts validation messages (i18n keys from the shared zod schemas, whether they come from the
 * form's own check or back from the core) on the form's fields. `fieldOf` maps an issue's
 * path to a form field; issues that fit no field are returned for a summary.
 */
export function showIssues(
  form: FormInstance,
  t: TFunction,
  issues: readonly Issue[],
  fieldOf: (path: string) => (string | number)[] | null,
): string[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const issue of issues) {
    const message = t(issue.message, { defaultValue: issue.message });
    const name = fieldOf(issue.path);
    if (!name) {
      unplaced.push(message);
      continue;
    }
    const id = name.join('.');
    const entry = byField.get(id) ?? { name, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(id, entry);
  }
  // A field fixed since the last attempt loses its old message (the forms have no rules of
  // their own that would clear it).
  const stale = form
    .getFieldsError()
    .filter((field) => field.errors.length > 0 && !byField.has(field.name.join('.')))
    .map((field) => ({ name: field.name, errors: [] }));
  form.setFields([...stale, ...byField.values()]);
  return unplaced;
}

export function issuesOf(error: unknown): Issue[] | null {
  return error instanceof ContractError && error.issues?.length ? error.issues : null;
}

export function zodIssues(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** The agent changed these fields: their old messages no longer apply. */
export function clearIssuesOf(form: FormInstance, changed: Record<string, unknown>): void {
  const names = Object.entries(changed).flatMap(([key, value]) =>
    key === 'details' && value && typeof value === 'object'
      ? Object.keys(value).map((field) => ['details', field])
      : [[key]],
  );
  form.setFields(names.map((name) => ({ name, errors: [] })));
}
