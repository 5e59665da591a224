import { useEffect, useMemo, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Industry } from '../../shared/api/industries';
import { api, pathOf } from '../api/client';

// GB/T 4754-2017 行业 picker: browse the tree (sections → divisions → groups → classes, loaded a
// level at a time from GET /api/industries?parent=) or type a code or name to search the whole table.

const STALE = 24 * 60 * 60 * 1000; // reference data: changes with a release, not during a session

function fetchChildren(parent: string, signal?: AbortSignal) {
  return api.get<{ items: Industry[] }>('/api/industries', { parent: parent || undefined, limit: 500 }, signal).then((r) => r.items);
}

/** One industry by code (the label of a stored value), cached for the session. */
export function useIndustry(code: string | null | undefined) {
  return useQuery({
    queryKey: ['industries', 'one', code],
    queryFn: ({ signal }) => api.get<Industry>(pathOf('/api/industries', code!), undefined, signal),
    enabled: Boolean(code),
    staleTime: STALE,
  });
}

interface Node {
  id: string;
  pId: string;
  value: string;
  title: React.ReactNode;
  label: string;
  isLeaf: boolean;
  selectable: boolean;
}

export interface IndustrySelectProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /**
   * Only 2–4 digit codes can be chosen; sections (A–T) only open. Forms store a division, group or
   * class; list filters match stored codes by prefix, so a section letter would match nothing.
   */
  digitsOnly?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

const labelOf = (i: Pick<Industry, 'code' | 'name'>) => `${i.code} ${i.name}`;

export function IndustrySelect({ id, value, onChange, placeholder, allowClear, digitsOnly, style, 'aria-label': ariaLabel }: IndustrySelectProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState<Industry[]>([]);
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const sections = useQuery({ queryKey: ['industries', 'children', ''], queryFn: ({ signal }) => fetchChildren('', signal), staleTime: STALE });
  const results = useQuery({
    queryKey: ['industries', 'search', debounced],
    queryFn: ({ signal }) => api.get<{ items: Industry[] }>('/api/industries', { q: debounced, limit: 60 }, signal).then((r) => r.items),
    enabled: debounced.length > 0,
    staleTime: STALE,
  });
  const selected = useIndustry(value);

  const toNode = (i: Industry, flat: boolean): Node => ({
    id: i.code,
    pId: flat ? '' : (i.parent ?? ''),
    value: i.code,
    label: labelOf(i),
    title: flat ? (
      <span>
        {labelOf(i)}
        <span style={{ marginLeft: 6, fontSize: 12, opacity: 0.55 }}>{i.path}</span>
      </span>
    ) : (
      labelOf(i)
    ),
    isLeaf: flat || i.level === 'class',
    selectable: !digitsOnly || /^\d/.test(i.code),
  });

  const isSearching = search.trim().length > 0;
  const treeData = useMemo(() => {
    if (isSearching) return (results.data ?? []).map((i) => toNode(i, true));
    const seen = new Set<string>();
    return [...(sections.data ?? []), ...loaded].filter((i) => !seen.has(i.code) && seen.add(i.code)).map((i) => toNode(i, false));
    // toNode reads only digitsOnly.
  }, [isSearching, results.data, sections.data, loaded, digitsOnly]);

  const loadData = async (node: { value?: unknown }) => {
    const code = String(node.value ?? '');
    const items = await queryClient.fetchQuery({ queryKey: ['industries', 'children', code], queryFn: () => fetchChildren(code), staleTime: STALE });
    setLoaded((prev) => [...prev, ...items]);
  };

  const current = value ? { value, label: selected.data ? labelOf(selected.data) : value } : undefined;

  return (
    <TreeSelect<{ value: string; label: React.ReactNode } | undefined>
      id={id}
      aria-label={ariaLabel}
      labelInValue
      value={current}
      onChange={(v) => onChange?.(v?.value || undefined)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: '' }}
      treeData={treeData}
      loadData={isSearching ? undefined : loadData}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      onOpenChange={(open) => !open && setSearch('')}
      loading={sections.isPending || (isSearching && results.isFetching)}
      placeholder={placeholder ?? t('ledgerUi.industryPlaceholder')}
      allowClear={allowClear}
      popupMatchSelectWidth={false}
      listHeight={360}
      notFoundContent={isSearching && results.isFetching ? t('common.loading') : t('ledgerUi.industryNone')}
      style={{ minWidth: 200, ...style }}
    />
  );
}
