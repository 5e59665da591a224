import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Modal, Radio, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SchemeRecord } from '../../../shared/api/assessment';
import { periodRange, type AssessmentScheme } from '../../../shared/assessment/scheme';
import { UNIT_TYPE_LABELS, type UnitType } from '../../../shared/org';
import { DemoTag } from '../../components/DemoTag';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';
import { usePeriodText } from '../leaderboard/RunPicker';
import { SchemeDetail, type DetailNav, type SchemeTab } from './SchemeDetail';
import { EXAMPLE_STARTS, isExampleKey, type ExampleKey } from './scheme-form';
import { useSchemes } from './schemes.queries';
import { SchemeStatusTag } from './scheme-ui';
import './schemes.css';

/** 新建考核方案: start from a blank form or one of the shipped examples (copied, moved to this year). */
function NewSchemeModal({ open, onClose, onStart }: { open: boolean; onClose: () => void; onStart: (from: ExampleKey | 'blank') => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ExampleKey | 'blank'>('blank');
  const options: { value: ExampleKey | 'blank'; title: string; text: string }[] = [
    { value: 'blank', title: t('schemes.start.blank'), text: t('schemes.start.blankHint') },
    ...(Object.keys(EXAMPLE_STARTS) as ExampleKey[]).map((k) => ({ value: k, title: EXAMPLE_STARTS[k].name, text: EXAMPLE_STARTS[k].description })),
  ];
  return (
    <Modal open={open} title={t('schemes.start.title')} okText={t('schemes.start.ok')} cancelText={t('schemes.cancel')} onCancel={onClose} onOk={() => onStart(choice)} width={640} destroyOnHidden>
      <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as ExampleKey | 'blank')} style={{ width: '100%' }}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {options.map((o) => (
            <Radio key={o.value} value={o.value} className="zs-sc-start">
              <Typography.Text strong>{o.title}</Typography.Text>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                {o.text}
              </Typography.Paragraph>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </Modal>
  );
}

/** Every scheme version on the reader's branch: name, version, period, who is scored, status. */
function SchemeList({ onOpen, onNew }: { onOpen: (id: number) => void; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const me = useCurrentUser();
  const periodText = usePeriodText();
  const schemes = useSchemes();
  const canWrite = hasPermission(me, 'assessment.write');

  const unitsText = (s: AssessmentScheme) =>
    s.units.kind === 'unit_types' ? s.units.types.map((u) => UNIT_TYPE_LABELS[u as UnitType][lang]).join(lang === 'zh' ? '、' : ', ') : t('schemes.unitsListed', { count: s.units.ids.length });

  const columns: ColumnsType<SchemeRecord> = [
    {
      title: t('schemes.colName'),
      key: 'name',
      render: (_, r) => (
        <Space size={6} wrap>
          <Typography.Link strong onClick={() => onOpen(r.id)}>
            {r.name}
          </Typography.Link>
          {r.isDemo && <DemoTag small />}
        </Space>
      ),
    },
    { title: t('schemes.colVersion'), key: 'version', width: 90, render: (_, r) => t('schemes.versionN', { version: r.version }) },
    {
      title: t('schemes.colPeriod'),
      key: 'period',
      width: 170,
      render: (_, r) => {
        const range = periodRange((r.scheme as unknown as AssessmentScheme).period);
        return periodText(range.from, range.to);
      },
    },
    { title: t('schemes.colUnits'), key: 'units', width: 200, render: (_, r) => unitsText(r.scheme as unknown as AssessmentScheme) },
    { title: t('schemes.colItems'), key: 'items', width: 90, align: 'right', render: (_, r) => t('schemes.itemCount', { count: ((r.scheme as unknown as AssessmentScheme).items ?? []).length }) },
    { title: t('schemes.colStatus'), key: 'status', width: 110, render: (_, r) => <SchemeStatusTag status={r.status} /> },
    { title: t('schemes.colUpdated'), key: 'updated', width: 150, render: (_, r) => formatDateTime(r.updatedAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.schemes')}
        description={t('schemes.description')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
              {t('schemes.new')}
            </Button>
          )
        }
      />
      <Card size="small">
        {schemes.isError ? (
          <QueryError error={schemes.error} onRetry={() => void schemes.refetch()} />
        ) : (
          <Table<SchemeRecord>
            size="middle"
            rowKey="id"
            loading={schemes.isPending}
            dataSource={schemes.data?.items ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t(canWrite ? 'schemes.emptyWrite' : 'schemes.empty')} /> }}
            onRow={(r) => ({ onClick: () => onOpen(r.id), className: 'zs-sc-list-row' })}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('schemes.statusRule')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/**
 * 考核方案: the bureau writes its year's scheme as data (form or JSON), runs it for a period, enters
 * manual scores with reasons and publishes a frozen result. The address bar holds the open scheme
 * (`scheme=<id>` or `scheme=new&from=<example>`), the tab and the run.
 */
export function SchemesPage() {
  const [params, setParams] = useSearchParams();
  const [isNewOpen, setNewOpen] = useState(false);
  const schemeParam = params.get('scheme');
  const from = params.get('from');
  const tabParam = params.get('tab');
  const tab: SchemeTab = tabParam === 'json' || tabParam === 'runs' ? tabParam : 'edit';
  const runId = Number(params.get('run')) || undefined;

  const go = (next: Record<string, string | undefined>, replace = false) =>
    setParams(
      () => {
        const p = new URLSearchParams();
        for (const [k, v] of Object.entries(next)) if (v !== undefined) p.set(k, v);
        return p;
      },
      { replace },
    );

  // Tab and run changes edit the address as it is when they happen (a click on a page still on its
  // way out must not bring back the scheme it showed).
  const patch = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined) p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  const nav: DetailNav = {
    tab,
    runId,
    setTab: (t) => patch({ tab: t === 'edit' ? undefined : t }),
    setRun: (id) => patch({ tab: 'runs', run: String(id) }),
    openScheme: (id, t) => go({ scheme: String(id), tab: t && t !== 'edit' ? t : undefined }),
    back: () => go({}),
  };

  if (schemeParam === null) {
    return (
      <>
        <SchemeList onOpen={(id) => nav.openScheme(id)} onNew={() => setNewOpen(true)} />
        <NewSchemeModal
          open={isNewOpen}
          onClose={() => setNewOpen(false)}
          onStart={(start) => {
            setNewOpen(false);
            go({ scheme: 'new', from: start });
          }}
        />
      </>
    );
  }
  const schemeId = schemeParam === 'new' ? undefined : Number(schemeParam) || undefined;
  const start = isExampleKey(from) ? from : 'blank';
  return <SchemeDetail key={schemeParam === 'new' ? `new:${start}` : schemeParam} schemeId={schemeId} start={start} nav={nav} />;
}
