import type { DirectoryResult } from '../../src-shared/contract/directory';
import type { Locale } from '../../src-shared/domain/locale';
import type { PresenceState } from '../../src-shared/http/directory';

/** One pickable row of the transfer dialog: a colleague or a department. */
export type DirectoryEntry = {
  id: string;
  kind: 'colleague' | 'department';
  name: string;
  /** What the transfer dials: a colleague's SIP address, a department's number. */
  target: string;
  /** Extension or phone number, as shown. */
  number: string;
  /** Teams and queues (colleagues), opening hours (departments). */
  details: string[];
  presence: PresenceState | null;
  reasonCode: string | null;
  /** Shown but marked: a transfer there would not be answered now. */
  unavailable: boolean;
};

/** Who cannot take a call now. Not-ready colleagues may still take a consult they expect. */
const UNAVAILABLE: ReadonlySet<PresenceState> = new Set(['talking', 'offline', 'logged_out']);

export function directoryEntries(
  directory: Extract<DirectoryResult, { available: true }>,
  locale: Locale,
): DirectoryEntry[] {
  const label = (item: { labelEn: string; labelZh: string }) =>
    locale === 'zh-CN' ? item.labelZh : item.labelEn;
  const colleagues = directory.colleagues.map((colleague): DirectoryEntry => ({
    id: `colleague:${colleague.userId}`,
    kind: 'colleague',
    name: colleague.displayName,
    target: colleague.sipUri,
    number: colleague.extension,
    details: [...colleague.teams.map(label), ...colleague.queues.map(label)],
    presence: colleague.presence,
    reasonCode: colleague.reasonCode,
    unavailable: UNAVAILABLE.has(colleague.presence),
  }));
  const departments = directory.departments.map((department): DirectoryEntry => ({
    id: `department:${department.key}`,
    kind: 'department',
    name: label(department),
    target: department.phone,
    number: department.phone,
    details: [locale === 'zh-CN' ? department.hoursZh : department.hoursEn],
    presence: null,
    reasonCode: null,
    unavailable: false,
  }));
  return [...colleagues, ...departments];
}

/** Matches name, extension or number, team, queue (case-insensitive, any part). */
export function filterEntries(entries: DirectoryEntry[], query: string): DirectoryEntry[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return entries;
  return entries.filter((entry) =>
    [entry.name, entry.number, ...entry.details].some((text) =>
      text.toLowerCase().includes(needle),
    ),
  );
}
