import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../shared/api/org';
import { useOrgTree } from '../features/org/org.queries';
import { buildForest, topLevelIds, type UnitNode } from '../features/org/tree';
import { unitTypeLabel } from './UnitTypeTag';

interface UnitOption {
  value: number;
  /** The row in the list: name and type, so a greyed choice explains itself. */
  title: React.ReactNode;
  /** Plain name: what the box shows once chosen and what the search matches. */
  name: string;
  disabled: boolean;
  children: UnitOption[];
}

export interface UnitTreeSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Offer disabled units as well (filters); forms that assign a unit leave them out. */
  includeDisabled?: boolean;
  /** Units that must not be chosen (shown greyed). */
  isUnselectable?: (unit: OrgTreeNode) => boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** A unit picker over the caller's visible org tree, searchable by name. */
export function UnitTreeSelect({
  id,
  value,
  onChange,
  placeholder,
  allowClear,
  includeDisabled,
  isUnselectable,
  style,
  'aria-label': ariaLabel,
}: UnitTreeSelectProps) {
  const { t, i18n } = useTranslation();
  const tree = useOrgTree();

  const { options, expanded } = useMemo(() => {
    const units = (tree.data ?? []).filter((u) => includeDisabled || !u.isDisabled);
    const forest = buildForest(units);
    const toOption = (node: UnitNode<OrgTreeNode>): UnitOption => {
      const u = node.unit;
      const name = u.isDisabled ? `${u.name}（${t('common.disabled')}）` : u.name;
      return {
        value: u.id,
        title: (
          <span>
            {name}
            <span style={{ marginLeft: 6, fontSize: 12, opacity: 0.6 }}>{unitTypeLabel(u.type, i18n.language)}</span>
          </span>
        ),
        name,
        disabled: isUnselectable?.(u) ?? false,
        children: node.children.map(toOption),
      };
    };
    return { options: forest.map(toOption), expanded: topLevelIds(forest, 1) };
  }, [tree.data, includeDisabled, isUnselectable, t, i18n.language]);

  return (
    <TreeSelect<number>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={options}
      loading={tree.isPending}
      placeholder={placeholder ?? t('common.selectUnit')}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'name' }}
      treeNodeLabelProp="name"
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      listHeight={360}
      style={{ minWidth: 200, ...style }}
      notFoundContent={tree.isError ? tree.error.message : undefined}
    />
  );
}
