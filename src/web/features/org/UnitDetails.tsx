import { useMemo, useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Space, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/api/org';
import { ApiError } from '../../api/client';
import { DemoTag } from '../../components/DemoTag';
import { QueryError } from '../../components/QueryError';
import { StatusTag } from '../../components/StatusTag';
import { UnitTypeTag } from '../../components/UnitTypeTag';
import { hasPermission, useCurrentUser } from '../auth/session';
import { MoveUnitModal } from './MoveUnitModal';
import { useOrgUnit, useSetUnitDisabled } from './org.queries';
import { ancestry } from './tree';
import { allowedTypes, UnitFormModal, type UnitFormMode } from './UnitFormModal';
import { UnitUsers } from './UnitUsers';

/** UNIT_HAS_ACTIVE says what is still enabled below the unit: `{ enabledChildren, enabledUsers }`. */
function activeCounts(error: Error): { children: number; users: number } | null {
  if (!(error instanceof ApiError) || error.code !== 'UNIT_HAS_ACTIVE') return null;
  const d = error.details as { enabledChildren?: unknown; enabledUsers?: unknown } | undefined;
  if (typeof d?.enabledChildren !== 'number' || typeof d.enabledUsers !== 'number') return null;
  return { children: d.enabledChildren, users: d.enabledUsers };
}

type Dialog = { kind: 'form'; mode: UnitFormMode } | { kind: 'move' } | null;

interface UnitDetailsProps {
  unitId: number;
  units: OrgTreeNode[];
  onSelect: (id: number) => void;
}

/** The selected unit: its facts, its place in the tree, what an admin may do with it, and its users. */
export function UnitDetails({ unitId, units, onSelect }: UnitDetailsProps) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const user = useCurrentUser();
  const canWrite = hasPermission(user, 'org.write');
  const unitQuery = useOrgUnit(unitId);
  const setDisabled = useSetUnitDisabled();
  const [dialog, setDialog] = useState<Dialog>(null);

  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const unit = unitQuery.data;
  // The parent's division seeds the division picker when editing (its children are the likely choices).
  const parentUnit = useOrgUnit(canWrite && unit?.parentId ? unit.parentId : null);

  if (unitQuery.isError) return <QueryError error={unitQuery.error} onRetry={() => void unitQuery.refetch()} />;
  if (!unit) return <Card loading />;

  const chain = ancestry(byId, unit.id);
  const parent = unit.parentId === null ? null : byId.get(unit.parentId);
  // null: this is the top of the whole tree; undefined: the parent exists but is above what we see.
  const parentType = unit.parentId === null ? null : parent?.type;
  const isRoot = unit.parentId === null;
  const childTypes = allowedTypes(unit.type);

  const confirmToggle = () => {
    const disable = !unit.isDisabled;
    modal.confirm({
      title: disable ? t('org.confirmDisable', { name: unit.name }) : t('org.confirmEnable', { name: unit.name }),
      content: disable ? t('org.disableHint') : t('org.enableHint'),
      okText: disable ? t('org.disable') : t('org.enable'),
      okButtonProps: { danger: disable },
      onOk: () =>
        setDisabled
          .mutateAsync({ id: unit.id, disable })
          .then(() => void message.success(disable ? t('org.disabledOk', { name: unit.name }) : t('org.enabledOk', { name: unit.name })))
          .catch((error: Error) => {
            const counts = activeCounts(error);
            modal.error({
              title: disable ? t('org.cannotDisable') : t('org.cannotEnable'),
              content: (
                <>
                  <p style={{ margin: 0 }}>{error.message}</p>
                  {counts && <p style={{ margin: '8px 0 0' }}>{t('org.activeCounts', counts)}</p>}
                </>
              ),
            });
          }),
    });
  };

  const actions = canWrite && (
    <Space wrap size={8}>
      <Tooltip title={childTypes.length === 0 ? t('org.noChildTypesShort') : unit.isDisabled ? t('org.disabledParent') : undefined}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={childTypes.length === 0 || unit.isDisabled}
          onClick={() => setDialog({ kind: 'form', mode: { kind: 'create', parent: unit } })}
        >
          {t('org.addChild')}
        </Button>
      </Tooltip>
      <Button
        icon={<EditOutlined />}
        onClick={() =>
          setDialog({ kind: 'form', mode: { kind: 'edit', unit, parentType, parentDivisionCode: parentUnit.data?.divisionCode } })
        }
      >
        {t('org.edit')}
      </Button>
      <Tooltip title={isRoot ? t('org.rootLocked') : undefined}>
        <Button icon={<SwapOutlined />} disabled={isRoot} onClick={() => setDialog({ kind: 'move' })}>
          {t('org.move')}
        </Button>
      </Tooltip>
      <Tooltip title={isRoot ? t('org.rootLocked') : undefined}>
        <Button
          danger={!unit.isDisabled}
          icon={unit.isDisabled ? <CheckCircleOutlined /> : <StopOutlined />}
          disabled={isRoot}
          loading={setDisabled.isPending}
          onClick={confirmToggle}
        >
          {unit.isDisabled ? t('org.enable') : t('org.disable')}
        </Button>
      </Tooltip>
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space size={8} wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {unit.name}
            </Typography.Text>
            <UnitTypeTag type={unit.type} />
            {unit.isDisabled && <StatusTag isDisabled />}
            {unit.isDemo && <DemoTag />}
          </Space>
        }
      >
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={chain.map((u) => ({
            key: u.id,
            title:
              u.id === unit.id ? (
                <span>{u.name}</span>
              ) : (
                <a
                  href={`?unit=${u.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onSelect(u.id);
                  }}
                >
                  {u.name}
                </a>
              ),
          }))}
        />
        {actions && <div style={{ marginBottom: 16 }}>{actions}</div>}
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('org.name')}>{unit.name}</Descriptions.Item>
          <Descriptions.Item label={t('org.shortName')}>{unit.shortName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('org.type')}>
            <UnitTypeTag type={unit.type} small />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag isDisabled={unit.isDisabled} small />
          </Descriptions.Item>
          <Descriptions.Item label={t('org.division')}>
            {unit.divisionCode ? (
              <span>
                {unit.divisionName ?? t('org.divisionUnknownName')}{' '}
                <Typography.Text type="secondary" copyable={{ text: unit.divisionCode }}>
                  {unit.divisionCode}
                </Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{t('org.divisionNotSet')}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.parent')}>
            {parent ? parent.name : isRoot ? t('org.isRoot') : t('org.parentNotVisible')}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.childCount')}>{unit.childCount}</Descriptions.Item>
          <Descriptions.Item label={t('org.userCount')}>{unit.userCount}</Descriptions.Item>
          <Descriptions.Item label={t('org.sortOrder')}>{unit.sortOrder}</Descriptions.Item>
          <Descriptions.Item label={t('org.id')}>{unit.id}</Descriptions.Item>
        </Descriptions>
      </Card>

      {hasPermission(user, 'users.read') && <UnitUsers unitId={unit.id} />}

      {dialog?.kind === 'form' && (
        <UnitFormModal
          mode={dialog.mode}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            onSelect(saved.id);
          }}
        />
      )}
      {dialog?.kind === 'move' && <MoveUnitModal unit={unit} units={units} onClose={() => setDialog(null)} />}
    </Space>
  );
}
