import { useEffect, useMemo, useState, type Key, type ReactNode } from 'react';
import { Checkbox, Empty, Input, Tag, Tree, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/api/org';
import { DemoTag } from '../../components/DemoTag';
import { unitTypeLabel } from '../../components/UnitTypeTag';
import { ancestry, buildForest, filterForest, topLevelIds, withoutDisabled, type UnitNode } from './tree';

interface TreeItem {
  key: number;
  title: ReactNode;
  children: TreeItem[];
}

/** The matched part of a name in bold; plain text nodes only, names may contain markup. */
function highlight(name: string, query: string): ReactNode {
  const q = query.trim().toLowerCase();
  const at = q ? name.toLowerCase().indexOf(q) : -1;
  if (at < 0) return name;
  return (
    <>
      {name.slice(0, at)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{name.slice(at, at + q.length)}</mark>
      {name.slice(at + q.length)}
    </>
  );
}

interface OrgTreePanelProps {
  units: OrgTreeNode[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** The visible org subtree with a name filter; disabled units greyed (or hidden), demo units tagged. */
export function OrgTreePanel({ units, selectedId, onSelect }: OrgTreePanelProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [showDisabled, setShowDisabled] = useState(true);
  const fullForest = useMemo(() => buildForest(units), [units]);
  const [expanded, setExpanded] = useState<Key[]>(() => topLevelIds(fullForest, 2));

  const shown = useMemo(() => {
    const base = showDisabled ? fullForest : withoutDisabled(fullForest);
    return filterForest(base, query);
  }, [fullForest, showDisabled, query]);

  // A unit selected from elsewhere (a link with ?unit=) is shown opened up to it.
  useEffect(() => {
    if (selectedId === null) return;
    const byId = new Map(units.map((u) => [u.id, u]));
    const parents = ancestry(byId, selectedId).slice(0, -1).map((u) => u.id);
    setExpanded((keys) => [...new Set([...keys, ...parents])]);
  }, [selectedId, units]);

  // Searching opens the branches that hold matches.
  useEffect(() => {
    if (query.trim()) setExpanded(shown.expandedIds);
  }, [query, shown.expandedIds]);

  const treeData = useMemo(() => {
    const toItem = (node: UnitNode<OrgTreeNode>): TreeItem => {
      const u = node.unit;
      return {
        key: u.id,
        title: (
          <span className={u.isDisabled ? 'zs-tree-node zs-tree-node-disabled' : 'zs-tree-node'}>
            <span className="zs-tree-node-name">{highlight(u.name, query)}</span>
            <span className="zs-tree-node-type">{unitTypeLabel(u.type, i18n.language)}</span>
            {u.isDisabled && <Tag className="zs-tag-small">{t('common.disabled')}</Tag>}
            {u.isDemo && <DemoTag small />}
          </span>
        ),
        children: node.children.map(toItem),
      };
    };
    return shown.forest.map(toItem);
  }, [shown.forest, query, i18n.language, t]);

  return (
    <div>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('org.searchPlaceholder')}
        aria-label={t('org.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Checkbox checked={showDisabled} onChange={(e) => setShowDisabled(e.target.checked)}>
          {t('org.showDisabled')}
        </Checkbox>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {query.trim() ? t('org.matchCount', { count: shown.matchCount }) : t('org.unitCount', { count: units.length })}
        </Typography.Text>
      </div>
      <div className="zs-tree-scroll">
        {treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query ? t('org.noMatch') : t('org.empty')} />
        ) : (
          <Tree<TreeItem>
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selectedId === null ? [] : [selectedId]}
            onSelect={(keys) => {
              const key = keys[0];
              if (key !== undefined) onSelect(Number(key));
            }}
          />
        )}
      </div>
    </div>
  );
}
