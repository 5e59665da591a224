import { useState } from 'react';
import { Alert, App, Button, Drawer, Grid, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleFilled, FileExcelOutlined, WarningFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FigureValue, StatsRecords } from '../../../shared/api/stats';
import { FUND_SOURCE_LABELS, type FundSource } from '../../../shared/funds';
import { QueryError } from '../../components/QueryError';
import { formatFigure, isSameNumber, kindOf, sumOf } from './figures';
import { useFigureText } from './figure-text';
import { downloadFile } from '../projects/download';
import { recordsXlsxPath, useStatsRecords, type StatsFilters } from './stats.queries';

type StatsRecord = StatsRecords['items'][number];

/** A figure to open: its name, the filters it was computed with, and what the dashboard showed. */
export interface Drill {
  figure: string;
  filters: StatsFilters;
  expected?: FigureValue;
  /** What the slice is, in words: the scope, a unit row, a month, an industry. */
  slice: string;
  /** Which side opens first: this period, or the same period last year (a dashed trend point). */
  period?: 'current' | 'previous';
}

const PAGE_SIZE = 20;

/** How a rate's parts read: funds_rate is money over money, the others projects over projects. */
function partFigure(figure: string): string {
  return figure === 'funds_rate' ? 'funds_total' : 'signed_count';
}

/** The records behind one figure (GET /api/stats/records), with their total checked against the dashboard. */
export function RecordsDrawer({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const { label, lang } = useFigureText();
  const screens = Grid.useBreakpoint();
  const [period, setPeriod] = useState<'current' | 'previous'>(drill.period ?? 'current');
  const [page, setPage] = useState(1);
  const records = useStatsRecords({ ...drill.filters, figure: drill.figure, period, page, pageSize: PAGE_SIZE });
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(recordsXlsxPath({ ...drill.filters, figure: drill.figure, period }), `${label(drill.figure)}.xlsx`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const data = records.data;
  const kind = kindOf(drill.figure);
  const isRate = kind === 'rate';
  // Each record's contribution: money, a count of 1, or (for rates) the numerator's part.
  const valueFigure = isRate ? partFigure(drill.figure) : drill.figure;
  const hasPrevious = drill.expected?.previous != null;
  const expected = period === 'current' ? drill.expected?.value : drill.expected?.previous;

  const columns: TableColumnsType<StatsRecord> = [
    {
      title: t('dashboard.columns.project'),
      dataIndex: 'projectName',
      render: (name: string, r) => (
        <Link to={`/projects/${r.projectId}`} title={t('dashboard.drawer.openProject')}>
          {name}
        </Link>
      ),
    },
    { title: t('dashboard.columns.unit'), dataIndex: 'unitName', width: 112, ellipsis: true },
    { title: t('dashboard.columns.industry'), dataIndex: 'industryCode', width: 64, render: (c: string | null) => c ?? '—' },
  ];
  // Overdue nodes: which node, and the date it was planned for.
  const isNodes = data?.items.some((r) => r.kind === 'node') ?? false;
  if (isNodes) columns.push({ title: t('dashboard.columns.node'), dataIndex: 'nodeName', width: 112, render: (n: string | null) => n ?? '—' });
  columns.push({ title: isNodes ? t('dashboard.columns.plannedDate') : t('dashboard.columns.date'), dataIndex: 'date', width: 100, render: (d: string | null) => d ?? '—' });
  if (data?.items.some((r) => r.kind === 'tranche')) {
    columns.push({
      title: t('dashboard.columns.source'),
      dataIndex: 'source',
      width: 112,
      render: (s: string | null) => (s ? (FUND_SOURCE_LABELS[s as FundSource]?.[lang] ?? s) : '—'),
    });
  }
  // Foreign money counts in 万元 at the tranche's rate; show what was entered in 万美元 beside it.
  if (data?.items.some((r) => r.currency === 'USD')) {
    columns.push({
      title: t('dashboard.columns.entered'),
      key: 'entered',
      width: 120,
      align: 'right',
      render: (_, r) => (r.currency === 'USD' && r.amount ? formatFigure('funds_foreign_usd', r.amount, lang) : ''),
    });
  }
  columns.push({
    title: t('dashboard.columns.value'),
    dataIndex: 'value',
    width: 120,
    align: 'right',
    render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFigure(valueFigure, v, lang)}</span>,
  });

  const title = t(period === 'current' ? 'dashboard.drawer.title' : 'dashboard.drawer.previousTitle', { figure: label(drill.figure) });

  return (
    <Drawer
      open
      title={title}
      size={screens.md === false ? '100%' : 880}
      onClose={onClose}
      destroyOnHidden
      className="zs-records-drawer"
      extra={
        <Button size="small" icon={<FileExcelOutlined />} loading={exporting} disabled={!data || data.count === 0} onClick={() => void exportXlsx()} data-testid="records-export">
          {t('dashboard.exportExcel')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary">
            {t('dashboard.drawer.filters', { from: data?.from ?? drill.filters.from, to: data?.to ?? drill.filters.to, unit: drill.slice })}
            {drill.filters.industry ? ` · ${t('dashboard.industry')} ${drill.filters.industry}` : ''}
          </Typography.Text>
          {hasPrevious && (
            <Segmented
              size="small"
              value={period}
              onChange={(v) => {
                setPeriod(v as 'current' | 'previous');
                setPage(1);
              }}
              options={[
                { value: 'current', label: t('dashboard.drawer.current') },
                { value: 'previous', label: t('dashboard.drawer.previous') },
              ]}
            />
          )}
        </Space>
        {records.isError ? (
          <QueryError error={records.error} onRetry={() => void records.refetch()} />
        ) : (
          data && <TotalLine data={data} figure={drill.figure} valueFigure={valueFigure} expected={expected} />
        )}
        <Table<StatsRecord>
          rowKey={(r) => `${r.kind}-${r.id}`}
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={records.isFetching}
          scroll={{ x: 720 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.count ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('dashboard.drawer.count', { count: total }),
            onChange: setPage,
          }}
          summary={(rows) =>
            rows.length > 0 && (data?.count ?? 0) > rows.length ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={columns.length} align="right">
                  <Typography.Text type="secondary">
                    {t('dashboard.drawer.pageSum', { value: formatFigure(valueFigure, sumOf(rows.map((r) => r.value)), lang) })}
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Space>
    </Drawer>
  );
}

/** 合计 and whether it equals the number the dashboard showed; for rates, numerator ÷ denominator. */
function TotalLine({ data, figure, valueFigure, expected }: { data: StatsRecords; figure: string; valueFigure: string; expected: string | null | undefined }) {
  const { t } = useTranslation();
  const { lang } = useFigureText();
  const isRate = kindOf(figure) === 'rate';
  const totalText = isRate
    ? t('dashboard.drawer.rate', {
        numerator: formatFigure(valueFigure, data.numerator, lang),
        denominator: formatFigure(figure === 'funds_rate' ? 'signed_amount' : 'signed_count', data.denominator, lang),
        rate: formatFigure(figure, data.total, lang),
      })
    : t('dashboard.drawer.total', { value: formatFigure(figure, data.total, lang) });
  const matches = expected == null ? data.total == null : isSameNumber(data.total, expected);
  return (
    <Alert
      type={matches ? 'success' : 'warning'}
      showIcon
      icon={matches ? <CheckCircleFilled /> : <WarningFilled />}
      data-testid="records-total"
      data-total={data.total ?? ''}
      title={
        <Space wrap size={8}>
          <Typography.Text strong>{totalText}</Typography.Text>
          <Typography.Text type="secondary">{t('dashboard.drawer.count', { count: data.count })}</Typography.Text>
          {matches ? (
            <Tag color="success">{t('dashboard.drawer.equals')}</Tag>
          ) : (
            <Tag color="warning">{t('dashboard.drawer.differs', { value: formatFigure(figure, expected, lang) })}</Tag>
          )}
        </Space>
      }
    />
  );
}
