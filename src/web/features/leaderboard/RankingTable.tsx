import { ExclamationCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ItemScore, UnitScore } from '../../../shared/assessment/score';
import { compareDecimal } from '../dashboard/figures';
import { findSchemeItem, itemLimit, WARNING_NOTES } from './leaderboard-format';
import type { Run } from './leaderboard.queries';
import { ScoreText } from './ItemCard';

/** An item's score; a 0 that is a data gap (no approved target, not yet scored) is flagged with the reason. */
function ItemCell({ item }: { item: ItemScore | undefined }) {
  const { t } = useTranslation();
  const warnings = (item?.notes ?? []).filter((n) => WARNING_NOTES.includes(n));
  return (
    <span className="zs-lb-rank">
      {warnings.length > 0 && (
        <Tooltip title={warnings.map((n) => t(`leaderboard.notes.${n}`)).join(' · ')}>
          <ExclamationCircleOutlined className="zs-lb-warn" aria-label={warnings.map((n) => t(`leaderboard.notes.${n}`)).join(' · ')} />
        </Tooltip>
      )}
      <ScoreText value={item?.score} />
    </span>
  );
}

interface Props {
  run: Run;
  tieBreak: string;
  ownUnitId: number;
  onOpen: (unitId: number) => void;
}

/**
 * 名次、单位、总分 and one column per scheme item, in the server's ranking order. Sorting by total
 * keeps tied units in that order (their rank decides, never the browser).
 */
export function RankingTable({ run, tieBreak, ownUnitId, onOpen }: Props) {
  const { t } = useTranslation();
  const units = run.result.units;
  const order = new Map(units.map((u, i) => [u.unitId, i]));
  const itemsOfScheme = units[0]?.items ?? [];

  const columns: ColumnsType<UnitScore> = [
    {
      title: (
        <Tooltip title={tieBreak}>
          <span>
            {t('leaderboard.colRank')} <QuestionCircleOutlined />
          </span>
        </Tooltip>
      ),
      key: 'rank',
      width: 84,
      fixed: 'left',
      render: (_, u) => (
        <span className="zs-lb-rank">
          <Typography.Text strong>{u.rank}</Typography.Text>
          {u.isTied && <Tag className="zs-tag-small">{t('leaderboard.tied')}</Tag>}
        </span>
      ),
    },
    {
      title: t('leaderboard.colUnit'),
      key: 'unit',
      width: 200,
      fixed: 'left',
      render: (_, u) => (
        <Button type="link" size="small" className="zs-lb-unit" onClick={(e) => { e.stopPropagation(); onOpen(u.unitId); }}>
          {u.name}
        </Button>
      ),
    },
    {
      title: t('leaderboard.colTotal'),
      key: 'total',
      width: 100,
      align: 'right',
      sorter: (a, b) => compareDecimal(a.total, b.total) || (order.get(b.unitId) ?? 0) - (order.get(a.unitId) ?? 0),
      sortDirections: ['descend', 'ascend'],
      render: (_, u) => <ScoreText value={u.total} strong />,
    },
    ...itemsOfScheme.map((item, k) => {
      const limit = itemLimit(findSchemeItem(run.inputs.scheme, item.itemId));
      return {
        title: (
          <div className="zs-lb-col">
            <div>{item.label}</div>
            <Typography.Text type="secondary" className="zs-lb-col-type">
              {t(`leaderboard.itemTypes.${item.type}`)}
              {limit !== null && ` · ${limit.startsWith('-') ? t('leaderboard.maxDeduction', { points: limit.slice(1) }) : t('leaderboard.full', { points: limit })}`}
            </Typography.Text>
          </div>
        ),
        key: `item:${item.itemId}`,
        align: 'right' as const,
        width: 150,
        render: (_: unknown, u: UnitScore) => <ItemCell item={u.items[k]} />,
      };
    }),
  ];

  return (
    <Table<UnitScore>
      size="middle"
      rowKey="unitId"
      dataSource={units}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(u) => (u.unitId === ownUnitId ? 'zs-lb-row zs-lb-own' : 'zs-lb-row')}
      onRow={(u) => ({ onClick: () => onOpen(u.unitId) })}
    />
  );
}
