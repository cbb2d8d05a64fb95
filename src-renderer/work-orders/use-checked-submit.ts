import type { FormInstance } from 'antd';
import type { KeyboardEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message';
import { issuesOf, showIssues, zodIssues } from './form-issues';

type Checkable = {
  safeParse(input: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
};

/**
 * A form's save: checked by its shared zod schema first, then sent to the core; validation
 * messages from either land on their fields (`fieldOf`), anything else in a summary.
 */
export function useCheckedSubmit(
  form: FormInstance,
  fieldOf: (path: string) => (string | number)[] | null,
) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const submit = async <T>(
    input: T,
    schema: Checkable,
    send: (input: T) => Promise<void>,
  ): Promise<void> => {
    setSummary([]);
    const checked = schema.safeParse(input);
    if (!checked.success) {
      setSummary(showIssues(form, t, zodIssues(checked.error!), fieldOf));
      return;
    }
    setSaving(true);
    try {
      await send(input);
    } catch (error) {
      const issues = issuesOf(error);
      setSummary(issues ? showIssues(form, t, issues, fieldOf) : [errorMessage(t, error)]);
    } finally {
      setSaving(false);
    }
  };
  return { summary, saving, submit };
}

/** A form's key handler: Ctrl+Enter saves from any field, the text areas included. */
export function saveOnCtrlEnter(save: () => Promise<void>) {
  return (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || !event.ctrlKey) return;
    event.preventDefault();
    void save();
  };
}
