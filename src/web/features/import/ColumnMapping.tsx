import { useMemo, useState } from 'react';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/api/import';
import { IMPORT_FIELDS } from '../../../shared/import/columns';
import { useShowError } from '../../api/errors';
import { labelLang } from '../../i18n';
import { useSaveMapping, type FieldKey } from './import.queries';

type Column = ImportJob['columns'][number];
const IGNORE = '__ignore__';
const SOURCE_COLORS: Record<Column['source'], string> = { synonym: 'blue', remembered: 'cyan', user: 'geekblue', ignored: 'default', unknown: 'orange' };

/**
 * 列映射: each header in the file, the field it was recognised as (or not), and a picker to fix it.
 * Saving re-validates every row; the choice is remembered for the next file with the same header.
 */
export function ColumnMapping({ job, disabled }: { job: ImportJob; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSaveMapping(job.id);
  const lang = labelLang(i18n.language);
  const [draft, setDraft] = useState<Record<string, FieldKey | null>>({});
  const changed = Object.keys(draft).length;
  const unknown = job.columns.filter((c) => c.source === 'unknown').length;

  const options = useMemo(
    () => [
      { value: IGNORE, label: t('importer.ignoreColumn') },
      ...IMPORT_FIELDS.map((f) => ({ value: f.key, label: lang === 'zh' ? f.zh : `${f.en} (${f.zh})` })),
    ],
    [lang, t],
  );

  const valueOf = (c: Column): string => {
    if (c.header in draft) return draft[c.header] ?? IGNORE;
    return c.field ?? (c.source === 'unknown' ? '' : IGNORE);
  };

  const columns: TableColumnsType<Column> = [
    { title: t('importer.header'), dataIndex: 'header', render: (v: string, c) => <Typography.Text strong={c.source === 'unknown'}>{v}</Typography.Text> },
    {
      title: t('importer.field'),
      key: 'field',
      width: 260,
      render: (_, c) => (
        <Select
          size="small"
          value={valueOf(c) || undefined}
          placeholder={t('importer.chooseField')}
          status={c.source === 'unknown' && !(c.header in draft) ? 'warning' : undefined}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          disabled={disabled}
          style={{ width: '100%' }}
          aria-label={t('importer.fieldFor', { header: c.header })}
          onChange={(v: string) => setDraft((d) => ({ ...d, [c.header]: v === IGNORE ? null : (v as FieldKey) }))}
        />
      ),
    },
    {
      title: t('importer.source'),
      dataIndex: 'source',
      width: 110,
      render: (v: Column['source'], c) =>
        c.header in draft ? (
          <Tag color="gold">{t('importer.unsaved')}</Tag>
        ) : (
          <Tag color={SOURCE_COLORS[v]}>{t(`importer.sources.${v}`)}</Tag>
        ),
    },
    { title: t('importer.unit'), dataIndex: 'unit', width: 90, render: (v: string | null) => v ?? '—', responsive: ['md'] },
    {
      title: t('importer.problem'),
      dataIndex: 'problem',
      width: 200,
      render: (v: Column['problem']) => (v ? <Typography.Text type="danger">{t(`importer.problems.${v}`)}</Typography.Text> : null),
    },
  ];

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {unknown > 0 ? <Alert type="warning" showIcon title={t('importer.unknownColumns', { count: unknown })} /> : null}
      <Table<Column> rowKey="index" size="small" columns={columns} dataSource={job.columns} pagination={false} scroll={{ x: 640 }} />
      <Space wrap>
        <Button
          type="primary"
          disabled={disabled || changed === 0}
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: () => {
                setDraft({});
                void message.success(t('importer.mappingSaved'));
              },
              onError: (error) => showError(error),
            })
          }
        >
          {t('importer.saveMapping', { count: changed })}
        </Button>
        {changed > 0 && <Button onClick={() => setDraft({})}>{t('importer.discard')}</Button>}
        <Typography.Text type="secondary">{t('importer.mappingHint')}</Typography.Text>
      </Space>
    </Space>
  );
}
