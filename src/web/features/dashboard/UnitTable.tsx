import { Button, Grid, Table, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureValue, StatsBreakdown } from '../../../shared/api/stats';
import { compareDecimal, formatFigure } from './figures';
import { useFigureText } from './figure-text';
import { YoyLine } from './KpiCards';

type Row = StatsBreakdown['rows'][number];

/** A unit with nothing in the period (every shown figure zero or empty), e.g. most 市直部门. */
function isIdle(row: Row, figures: string[]): boolean {
  return figures.every((f) => {
    const v = row.figures[f]?.value;
    return v == null || Number(v) === 0;
  });
}

/** A cell: the figure as a link-like button (opens its records), 同比 in the tooltip. */
function Cell({ figure, value, onOpen }: { figure: string; value: FigureValue | undefined; onOpen?: () => void }) {
  const { lang } = useFigureText();
  const text = value ? formatFigure(figure, value.value, lang) : '—';
  if (!value || !onOpen) return <span className="zs-num">{text}</span>;
  return (
    <Tooltip title={<YoyLine value={value} dark />} mouseEnterDelay={0.4}>
      <button type="button" className="zs-cell-figure zs-num" data-figure={figure} data-value={value.value} onClick={onOpen}>
        {text}
      </button>
    </Tooltip>
  );
}

/**
 * 分单位统计: one row per child unit (its whole subtree), sortable on every figure — sorting is the
 * ranking — with a 名次 column that follows the current sort and a 合计 row from the API's total.
 */
export function UnitTable({
  breakdown,
  loading,
  figures,
  onOpen,
}: {
  breakdown: StatsBreakdown | undefined;
  loading: boolean;
  /** The figures shown as columns, in order. */
  figures: string[];
  onOpen: (figure: string, row: Row | null, value: FigureValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const { label } = useFigureText();
  const isNarrow = Grid.useBreakpoint().xl === false;
  const [showIdle, setShowIdle] = useState(false);
  const allRows = breakdown?.rows ?? [];
  // Units with nothing in the period would only pad the ranking with zeros; they stay one click away.
  const idleCount = allRows.filter((r) => isIdle(r, figures)).length;
  const rows = showIdle ? allRows : allRows.filter((r) => !isIdle(r, figures));
  const columns: TableColumnsType<Row> = [
    { title: t('dashboard.rank'), key: 'rank', width: 52, align: 'center', render: (_v, _r, index) => index + 1 },
    { title: t('dashboard.columns.unit'), dataIndex: 'label', key: 'label', width: 180, ellipsis: { showTitle: true } },
    ...figures.map((figure) => ({
      title: label(figure),
      key: figure,
      align: 'right' as const,
      sorter: (a: Row, b: Row) => compareDecimal(a.figures[figure]?.value, b.figures[figure]?.value),
      sortDirections: ['descend' as const, 'ascend' as const],
      // A ranking by contracted investment until the user sorts by something else.
      defaultSortOrder: figure === 'signed_amount' ? ('descend' as const) : undefined,
      render: (_: unknown, row: Row) => (
        <Cell figure={figure} value={row.figures[figure]} onOpen={row.unitId != null ? () => onOpen(figure, row, row.figures[figure]) : undefined} />
      ),
    })),
  ];
  const total = breakdown?.total;
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      className="zs-unit-table"
      data-testid="unit-table"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={isNarrow ? { x: 200 + figures.length * 110 } : undefined}
      footer={
        idleCount > 0
          ? () => (
              <Button type="link" size="small" onClick={() => setShowIdle((v) => !v)} data-testid="unit-table-idle">
                {showIdle ? t('dashboard.idleUnits.hide', { count: idleCount }) : t('dashboard.idleUnits.show', { count: idleCount })}
              </Button>
            )
          : undefined
      }
      summary={() =>
        total && (
          <Table.Summary>
            <Table.Summary.Row className="zs-unit-total">
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}>
                <b>{t('dashboard.columns.total')}</b>
              </Table.Summary.Cell>
              {figures.map((figure, i) => (
                <Table.Summary.Cell key={figure} index={i + 2} align="right">
                  <b>
                    <Cell figure={figure} value={total[figure]} onOpen={() => onOpen(figure, null, total[figure])} />
                  </b>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}
