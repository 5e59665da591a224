import { useMemo, useState } from 'react';
import Decimal from 'decimal.js';
import { Alert, App, Button, Checkbox, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, SaveOutlined, UndoOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Decomposition, Target } from '../../../shared/api/targets';
import type { UnitType } from '../../../shared/org';
import { ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { UnitTypeTag } from '../../components/UnitTypeTag';
import { hasPermission, useCurrentUser } from '../auth/session';
import { formatFigure, formatPercent, kindOf } from '../dashboard/figures';
import { useFigureText } from '../dashboard/figure-text';
import { TargetStatusTag, targetInputError, useValueUnit } from './target-parts';
import { useApproveTargets, useDecomposition, useSaveDecomposition, useUnlockTarget } from './targets.queries';
import './targets.css';

/** Sub-units a target is normally decomposed to; departments, offices and the bureau only on request. */
const REGION_TYPES: readonly UnitType[] = ['county', 'zone', 'town'];

type Child = Decomposition['children'][number];

interface Props {
  year: number;
  unitId: number | undefined;
  metric: string;
  isCount: boolean;
}

/** Which typed values differ from the saved ones. */
function changedValue(saved: Target | null, typed: string | undefined): string | undefined {
  if (typed === undefined) return undefined;
  const v = typed.trim().replace(/,/g, '');
  if (saved && /^\d+(\.\d+)?$/.test(v) && new Decimal(saved.value).eq(v)) return undefined;
  if (!saved && v === '') return undefined;
  return v;
}

function exactSum(values: (string | null)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => (v !== null && /^\d+(\.\d+)?$/.test(v) ? acc.plus(v) : acc), new Decimal(0));
}

/**
 * 目标分解: the unit's own target and a table of its direct sub-units with editable targets; their
 * live sum against the unit's target (a warning when they differ, never a refusal), status tags,
 * and for the bureau: approve the drafts shown, unlock an approved target with a reason.
 */
export function DecompositionPanel({ year, unitId, metric, isCount }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { label, lang } = useFigureText();
  const valueUnit = useValueUnit();
  const query = useDecomposition({ year, unit: unitId, metric });
  const save = useSaveDecomposition();
  const approve = useApproveTargets();
  const unlock = useUnlockTarget();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [showOthers, setShowOthers] = useState(false);
  const [unlocking, setUnlocking] = useState<{ target: Target; unitName: string } | null>(null);
  const [reason, setReason] = useState('');

  const d = query.data;
  const canWrite = hasPermission(me, 'targets.write');
  const canApprove = hasPermission(me, 'targets.approve');
  // Unit staff decompose their unit's target; the target itself comes from above.
  const isOwnUnit = me.role === 'unit_staff' && d?.unit.id === me.unit.id;
  const canEditParent = canWrite && !isOwnUnit && d?.parent?.status !== 'approved';
  const fmt = (v: string | null) => formatFigure(metric, v, lang);
  // In sentences a count needs its unit ("多 2 个"); amounts carry theirs (万元/亿元).
  const amount = (v: string) => (kindOf(metric) === 'count' ? `${fmt(v)} ${valueUnit(metric)}` : fmt(v));

  const key = (unit: number) => `${year}:${metric}:${unit}`;
  const typedOf = (unit: number) => typed[key(unit)];
  const currentOf = (unit: number, saved: Target | null): string | null => typedOf(unit) ?? saved?.value ?? null;

  const children = useMemo(() => (d ? d.children.filter((c) => showOthers || REGION_TYPES.includes(c.unitType as UnitType) || c.target !== null) : []), [d, showOthers]);
  const hiddenCount = (d?.children.length ?? 0) - children.length;

  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!d) return <Table loading columns={[]} dataSource={[]} />;

  const parentValue = currentOf(d.unit.id, d.parent);
  const sum = exactSum(d.children.map((c) => currentOf(c.unitId, c.target)));
  const parentNumber = parentValue !== null && /^\d+(\.\d+)?$/.test(parentValue) ? new Decimal(parentValue) : null;
  const diff = parentNumber === null ? null : sum.minus(parentNumber);
  const hasChildTargets = d.children.some((c) => currentOf(c.unitId, c.target) !== null);

  const changes = d.children.flatMap((c) => {
    const v = changedValue(c.target, typedOf(c.unitId));
    return v === undefined ? [] : [{ unitId: c.unitId, value: v }];
  });
  const parentChange = changedValue(d.parent, typedOf(d.unit.id));
  const errors = [...changes.map((c) => c.value), ...(parentChange === undefined ? [] : [parentChange])].some((v) => targetInputError(v, isCount) !== null);
  const isDirty = changes.length > 0 || parentChange !== undefined;
  // Anything left to type into: otherwise the save button would only sit there disabled.
  const hasEditable = canEditParent || children.some((c) => c.target?.status !== 'approved');
  const drafts = [d.parent, ...d.children.map((c) => c.target)].filter((x): x is Target => x !== null && x.status === 'draft');

  const onSave = async () => {
    try {
      await save.mutateAsync({ year, unitId: d.unit.id, metric, ...(parentChange === undefined ? {} : { parent: parentChange }), children: changes });
      setTyped({});
      void message.success(t('targets.saved'));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const onApprove = async () => {
    try {
      const { items } = await approve.mutateAsync(drafts.map((x) => x.id));
      void message.success(t('targets.approved', { count: items.length }));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const onUnlock = async () => {
    if (!unlocking) return;
    try {
      await unlock.mutateAsync({ id: unlocking.target.id, reason });
      setUnlocking(null);
      setReason('');
      void message.success(t('targets.unlocked'));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const valueInput = (unit: number, saved: Target | null, editable: boolean, ariaLabel: string) => {
    const value = typedOf(unit) ?? saved?.value ?? '';
    if (!editable) return <Typography.Text strong>{saved ? fmt(saved.value) : t('targets.noParent')}</Typography.Text>;
    const error = typedOf(unit) !== undefined && value.trim() !== '' ? targetInputError(value, isCount) : null;
    return (
      <Space orientation="vertical" size={0}>
        <Input
          value={value}
          inputMode="decimal"
          status={error ? 'error' : undefined}
          style={{ width: 160 }}
          aria-label={ariaLabel}
          suffix={valueUnit(metric)}
          onChange={(e) => setTyped((prev) => ({ ...prev, [key(unit)]: e.target.value }))}
        />
        {error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t(error)}</Typography.Text>}
      </Space>
    );
  };

  const unlockButton = (target: Target | null, unitName: string) =>
    canApprove && target?.status === 'approved' ? (
      <Button size="small" icon={<UnlockOutlined />} onClick={() => setUnlocking({ target, unitName })}>
        {t('targets.unlock')}
      </Button>
    ) : null;

  const columns: TableColumnsType<Child> = [
    { key: 'unit', title: t('targets.colUnit'), render: (_, c) => <Space size={6}>{c.unitName}<UnitTypeTag type={c.unitType as UnitType} small /></Space> },
    {
      key: 'target',
      title: t('targets.colTarget', { unit: valueUnit(metric) }),
      width: 200,
      render: (_, c) => valueInput(c.unitId, c.target, canWrite && c.target?.status !== 'approved', `${c.unitName} ${label(metric)}`),
    },
    {
      key: 'share',
      title: t('targets.colShare'),
      width: 90,
      align: 'right',
      render: (_, c) => {
        const v = currentOf(c.unitId, c.target);
        return parentNumber && parentNumber.gt(0) && v !== null && /^\d+(\.\d+)?$/.test(v) ? formatPercent(new Decimal(v).div(parentNumber).toString()) : '—';
      },
    },
    { key: 'status', title: t('targets.colStatus'), width: 100, render: (_, c) => <TargetStatusTag status={c.target?.status ?? null} /> },
    ...(canApprove && children.some((c) => c.target?.status === 'approved') ? [{ key: 'actions', title: t('targets.colActions'), width: 100, render: (_: unknown, c: Child) => unlockButton(c.target, c.unitName) }] : []),
  ];

  const mismatch =
    diff === null || !hasChildTargets ? null : diff.isZero() ? null : t(diff.isPositive() ? 'targets.mismatchMore' : 'targets.mismatchLess', { sum: amount(sum.toString()), parent: amount(parentNumber!.toString()), diff: amount(diff.abs().toString()) });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="targets-decomposition">
      <Space wrap size={[16, 8]} align="center">
        <Typography.Text strong>{t('targets.parentTarget', { unit: d.unit.name })}</Typography.Text>
        {valueInput(d.unit.id, d.parent, canEditParent, t('targets.parentTarget', { unit: d.unit.name }))}
        <TargetStatusTag status={d.parent?.status ?? null} />
        {unlockButton(d.parent, d.unit.name)}
        {isOwnUnit && <Typography.Text type="secondary">{t('targets.ownUnitHint')}</Typography.Text>}
        {!canWrite && <Typography.Text type="secondary">{t('targets.readOnlyHint')}</Typography.Text>}
      </Space>

      <Table<Child>
        rowKey="unitId"
        size="small"
        pagination={false}
        loading={query.isFetching && !query.isFetched}
        columns={columns}
        dataSource={children}
        title={() => (
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text strong>{t('targets.childrenTitle')}</Typography.Text>
            {(hiddenCount > 0 || showOthers) && (
              <Checkbox checked={showOthers} onChange={(e) => setShowOthers(e.target.checked)}>
                {t('targets.showOthers')}
              </Checkbox>
            )}
          </Space>
        )}
        summary={() => (
          <Table.Summary.Row className={mismatch ? 'zs-targets-mismatch' : undefined}>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('targets.sum')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <Typography.Text strong type={mismatch ? 'danger' : undefined} data-testid="targets-sum">
                {fmt(sum.toString())}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={columns.length - 2} />
          </Table.Summary.Row>
        )}
      />

      {mismatch ? (
        <Alert type="warning" showIcon title={mismatch} data-testid="targets-mismatch" />
      ) : parentNumber === null ? (
        hasChildTargets && <Alert type="info" showIcon title={t('targets.noParentHint')} />
      ) : (
        hasChildTargets && <Alert type="success" showIcon title={t('targets.balanced', { sum: amount(sum.toString()) })} />
      )}

      {canWrite && !isDirty && drafts.length === 0 && d.parent?.status === 'approved' && children.every((c) => c.target?.status === 'approved') && (
        <Typography.Text type="secondary">{t('targets.allLockedHint')}</Typography.Text>
      )}
      {(canWrite || canApprove) && (
        <Space wrap>
          {canWrite && hasEditable && (
            <Button type="primary" icon={<SaveOutlined />} disabled={!isDirty || errors} loading={save.isPending} onClick={() => void onSave()}>
              {t('targets.save')}
            </Button>
          )}
          {canWrite && isDirty && (
            <Button icon={<UndoOutlined />} onClick={() => setTyped({})}>
              {t('targets.reset')}
            </Button>
          )}
          {canApprove && drafts.length > 0 && (
            <Popconfirm
              title={t('targets.approveConfirm')}
              // Approving locks the split: say again that it does not add up.
              description={mismatch ? <Typography.Text type="danger" style={{ maxWidth: 360, display: 'inline-block' }}>{`${mismatch} ${t('targets.approveMismatch')}`}</Typography.Text> : undefined}
              okButtonProps={mismatch ? { danger: true } : undefined}
              onConfirm={() => void onApprove()}
              disabled={isDirty}
            >
              <Button icon={<CheckOutlined />} disabled={isDirty} loading={approve.isPending}>
                {t('targets.approveAll', { count: drafts.length })}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}

      <Modal
        open={unlocking !== null}
        title={unlocking ? t('targets.unlockTitle', { unit: unlocking.unitName, metric: label(metric) }) : ''}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: unlock.isPending }}
        okText={t('targets.unlock')}
        onOk={() => void onUnlock()}
        onCancel={() => setUnlocking(null)}
      >
        <Typography.Paragraph>{t('targets.unlockReason')}</Typography.Paragraph>
        <Input.TextArea value={reason} maxLength={500} rows={3} placeholder={t('targets.unlockReasonHint')} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
