import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode, OrgUnit } from '../../../shared/api/org';
import { ALLOWED_PARENTS, canHangUnder, type UnitType } from '../../../shared/org';
import { unitTypeLabel } from '../../components/UnitTypeTag';
import { useShowError } from '../../api/errors';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useMoveUnit } from './org.queries';
import { subtreeIds } from './tree';

/** 移动: choose a new parent; the unit itself, its descendants and parents of the wrong type are greyed. */
export function MoveUnitModal({ unit, units, onClose }: { unit: OrgUnit; units: OrgTreeNode[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const move = useMoveUnit();
  const [parentId, setParentId] = useState<number | undefined>();
  const [fieldError, setFieldError] = useState<string | null>(null);

  const blocked = useMemo(() => subtreeIds(units, unit.id), [units, unit.id]);
  const isUnselectable = useCallback(
    (candidate: OrgTreeNode) =>
      blocked.has(candidate.id) || candidate.id === unit.parentId || !canHangUnder(unit.type, candidate.type),
    [blocked, unit.parentId, unit.type],
  );

  const hasChoice = units.some((u) => !u.isDisabled && !isUnselectable(u));
  const parentTypes = ALLOWED_PARENTS[unit.type]
    .filter((type): type is UnitType => type !== null)
    .map((type) => unitTypeLabel(type, i18n.language))
    .join(t('audit.listSeparator'));

  const onOk = () => {
    if (parentId === undefined) {
      setFieldError(t('org.newParentRequired'));
      return;
    }
    move.mutate(
      { id: unit.id, parentId },
      {
        onSuccess: () => {
          void message.success(t('org.moved', { name: unit.name }));
          onClose();
        },
        onError: (error) => {
          setFieldError(error.message);
          showError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('org.moveTitle', { name: unit.name })}
      okText={t('org.move')}
      onOk={onOk}
      okButtonProps={{ disabled: !hasChoice }}
      confirmLoading={move.isPending}
      onCancel={onClose}
    >
      {!hasChoice && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('org.noMoveTarget', { type: unitTypeLabel(unit.type, i18n.language), parents: parentTypes })}
        />
      )}
      <Form layout="vertical">
        <Form.Item
          label={t('org.newParent')}
          htmlFor="move-parent"
          required
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError ?? undefined}
          extra={t('org.moveHint')}
        >
          <UnitTreeSelect
            id="move-parent"
            value={parentId}
            onChange={(v) => {
              setParentId(v);
              setFieldError(null);
            }}
            isUnselectable={isUnselectable}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('org.moveNote')}</Typography.Text>
    </Modal>
  );
}
