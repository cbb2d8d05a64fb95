import { Alert, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DialTargetSchema } from '../../src-shared/domain/agent';
import type { PresenceState } from '../../src-shared/http/directory';
import { useLocale } from '../i18n/use-locale';
import { directoryEntries, filterEntries, type DirectoryEntry } from './directory-entries';
import { useDirectory } from './use-directory';

/** Dark text on a light tint: readable (WCAG AA) on the row's own highlight too. */
const PRESENCE_STYLE: Record<PresenceState, { color: string; background: string }> = {
  ready: { color: '#135200', background: '#f6ffed' },
  not_ready: { color: '#7c2d00', background: '#fff7e6' },
  talking: { color: '#820014', background: '#fff1f0' },
  wrap_up: { color: '#614700', background: '#fffbe6' },
  logged_out: { color: '#262626', background: '#f5f5f5' },
  offline: { color: '#262626', background: '#f5f5f5' },
};

type TransferDialogProps = {
  open: boolean;
  onClose: () => void;
  onTransfer: (target: string) => void;
  onConsult: (target: string) => void;
};

/**
 * The transfer and consult dialog: a search over the directory (colleagues with their
 * presence, departments), keyboard first: type to filter, arrow keys to move, Enter to pick;
 * whatever is typed can also be dialled as a number, which is all there is when offline.
 */
export function TransferDialog({ open, onClose, onTransfer, onConsult }: TransferDialogProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const directory = useDirectory(open);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<DirectoryEntry | null>(null);
  const consultButton = useRef<HTMLButtonElement>(null);
  const listId = useId();

  const entries = useMemo(
    () => (directory?.available ? directoryEntries(directory, locale) : []),
    [directory, locale],
  );
  const shown = useMemo(() => filterEntries(entries, query), [entries, query]);
  const typed = DialTargetSchema.safeParse(query);
  const target = picked?.target ?? (typed.success ? typed.data : null);
  const activeEntry = shown[Math.min(active, shown.length - 1)];

  const reset = () => {
    setQuery('');
    setActive(0);
    setPicked(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const pick = (entry: DirectoryEntry) => {
    setPicked(entry);
    // Enter again starts the consult; Tab reaches the blind transfer.
    setTimeout(() => consultButton.current?.focus(), 0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // A typed number that matches nothing is dialled as it is.
      if (activeEntry && !(typed.success && shown.length === 0)) pick(activeEntry);
      else if (typed.success) setTimeout(() => consultButton.current?.focus(), 0);
    }
  };
  const act = (run: (target: string) => void) => {
    if (!target) return;
    run(target);
    close();
  };

  return (
    <Modal
      open={open}
      title={t('transfer.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('transfer.cancel')}</Button>
          <Button disabled={!target} onClick={() => act(onTransfer)}>
            {t('softphone.blindTransfer')}
          </Button>
          <Button
            ref={consultButton}
            type="primary"
            disabled={!target}
            onClick={() => act(onConsult)}
          >
            {t('softphone.consult')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          autoFocus
          role="combobox"
          aria-label={t('transfer.search')}
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeEntry ? `${listId}-${activeEntry.id}` : undefined}
          placeholder={t('transfer.search')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setPicked(null);
          }}
          onKeyDown={onKeyDown}
        />
        <Typography.Text type="secondary">{t('transfer.hint')}</Typography.Text>
        {directory && !directory.available && (
          <Alert
            type="warning"
            showIcon
            data-testid="directory-unavailable"
            title={t(`transfer.unavailable.${directory.reason}`)}
          />
        )}
        {directory === null && <Typography.Text>{t('transfer.loading')}</Typography.Text>}
        <ul
          id={listId}
          role="listbox"
          aria-label={t('transfer.directory')}
          data-testid="directory-list"
          style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 320, overflowY: 'auto' }}
        >
          {shown.map((entry) => (
            <DirectoryOption
              key={entry.id}
              id={`${listId}-${entry.id}`}
              entry={entry}
              active={entry === activeEntry}
              picked={entry === picked}
              onPick={() => pick(entry)}
            />
          ))}
        </ul>
        {directory?.available && shown.length === 0 && (
          <Typography.Text type="secondary">{t('transfer.noMatch')}</Typography.Text>
        )}
        <Typography.Text data-testid="transfer-target">
          {target
            ? t('transfer.target', { target: picked?.name ?? target })
            : t('transfer.noTarget')}
        </Typography.Text>
      </Space>
    </Modal>
  );
}

type OptionProps = {
  id: string;
  entry: DirectoryEntry;
  active: boolean;
  picked: boolean;
  onPick: () => void;
};

function DirectoryOption({ id, entry, active, picked, onPick }: OptionProps) {
  const { t } = useTranslation();
  const presence = entry.presence;
  const reason = entry.reasonCode
    ? ` · ${t(`agent.reasons.${entry.reasonCode}`, { defaultValue: entry.reasonCode })}`
    : '';
  const number =
    entry.kind === 'colleague'
      ? t('transfer.extension', { extension: entry.number })
      : entry.number;
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      data-testid="directory-entry"
      data-unavailable={entry.unavailable}
      onClick={onPick}
      style={{
        padding: '6px 8px',
        cursor: 'pointer',
        borderRadius: 4,
        background: active ? '#e6f4ff' : undefined,
        outline: picked ? '2px solid #1677ff' : undefined,
        color: entry.unavailable ? '#595959' : undefined,
      }}
    >
      <Space wrap size={4}>
        <Typography.Text strong>{entry.name}</Typography.Text>
        <Typography.Text>{number}</Typography.Text>
        {presence && (
          <Tag style={PRESENCE_STYLE[presence]} data-testid="presence-badge">
            {t(`transfer.presence.${presence}`)}
            {reason}
          </Tag>
        )}
        {entry.unavailable && <Tag>{t('transfer.unavailableMark')}</Tag>}
        {entry.kind === 'department' && <Tag>{t('transfer.department')}</Tag>}
      </Space>
      {entry.details.length > 0 && (
        <div>
          <Typography.Text type="secondary">{entry.details.join(' · ')}</Typography.Text>
        </div>
      )}
    </li>
  );
}
