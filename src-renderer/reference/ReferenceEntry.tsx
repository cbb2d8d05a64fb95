import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../src-shared/domain/locale';
import { formatPhone } from '../format/format';
import { useLocale } from '../i18n/use-locale';
import { formatCny } from './format-price';
import type { LookupEntry } from './reference-search';

type Bilingual = { en: string; zhCN: string };
const inLocale = (text: Bilingual, locale: Locale) => (locale === 'zh-CN' ? text.zhCN : text.en);
const otherLocale = (text: Bilingual, locale: Locale) => (locale === 'zh-CN' ? text.en : text.zhCN);

/** What an agent needs of one entry while talking: its name in both languages and its facts. */
export function ReferenceEntry({ entry }: { entry: LookupEntry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = inLocale(entry.label, locale);
  return (
    <Space
      direction="vertical"
      size={2}
      style={{ width: '100%' }}
      data-testid={`reference-${entry.id}`}
    >
      <Space wrap size={8}>
        <Typography.Text strong>{name}</Typography.Text>
        {otherLocale(entry.label, locale) !== name && (
          <Typography.Text type="secondary" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}>
            {otherLocale(entry.label, locale)}
          </Typography.Text>
        )}
      </Space>
      <EntryFacts entry={entry} locale={locale} t={t} />
    </Space>
  );
}

function EntryFacts({
  entry,
  locale,
  t,
}: {
  entry: LookupEntry;
  locale: Locale;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  switch (entry.kind) {
    case 'product': {
      const { code, price, unit, description } = entry.data;
      return (
        <>
          <Space wrap size={8}>
            <Typography.Text data-testid="reference-price">
              {formatCny(price, locale)}
              {unit ? ` · ${inLocale(unit, locale)}` : ''}
            </Typography.Text>
            <Tag>{t('reference.code', { code })}</Tag>
          </Space>
          {description && (
            <Typography.Text type="secondary">{inLocale(description, locale)}</Typography.Text>
          )}
        </>
      );
    }
    case 'fee':
      return (
        <>
          <Typography.Text data-testid="reference-price">
            {formatCny(entry.data.amount, locale)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('reference.feeWhen', { when: inLocale(entry.data.when, locale) })}
          </Typography.Text>
        </>
      );
    case 'policy':
      return (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {inLocale(entry.data.text, locale)}
        </Typography.Paragraph>
      );
    case 'department': {
      const phone = formatPhone(entry.data.phone, locale);
      return (
        <>
          {/* Shown for now; dialling it for a consult or transfer comes with the softphone's
              consult flow. Copyable so the agent can paste it into the dialler. */}
          <Typography.Text copyable={{ text: entry.data.phone }} data-testid="reference-phone">
            {t('reference.phone', { phone })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('reference.hours', { hours: inLocale(entry.data.hours, locale) })}
          </Typography.Text>
        </>
      );
    }
  }
}
