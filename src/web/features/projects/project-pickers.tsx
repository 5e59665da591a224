import { useEffect, useState } from 'react';
import { App, Button, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Investor } from '../../../shared/api/investors';
import { api } from '../../api/client';
import { hasPermission, useCurrentUser } from '../auth/session';
import { InvestorFormModal } from '../investors/InvestorFormModal';
import type { Page } from './projects.queries';
import { useLeaders, useScopeUsers } from './projects.queries';

function useDebounced(value: string, ms = 300): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface PickerProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
}

export interface PersonRef {
  id: number;
  displayName: string;
}

/**
 * 客商: search the directory (GET /api/investors?q=, pinyin initials work) or add one inline. When
 * the new one already exists the 409 names it and 使用已有客商 links that record instead.
 */
export function InvestorPicker({ id, value, onChange, current }: PickerProps & { current?: { id: number; name: string } | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(current ?? null);
  const [creating, setCreating] = useState(false);
  const canCreate = hasPermission(me, 'investors.write');
  const canRead = hasPermission(me, 'investors.read');
  const results = useQuery({
    queryKey: ['investors', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<Investor>>('/api/investors', { q: q || undefined, pageSize: 20 }, signal).then((r) => r.items),
    enabled: canRead,
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });

  const options = (results.data ?? []).map((i) => ({
    value: i.id,
    label: i.name,
    title: i.name,
    render: (
      <div>
        <div>{i.name}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[i.uscc, i.unitName].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
    ),
  }));
  if (chosen && value === chosen.id && !options.some((o) => o.value === chosen.id)) {
    options.unshift({ value: chosen.id, label: chosen.name, title: chosen.name, render: <div>{chosen.name}</div> });
  }

  const pick = (investor: { id: number; name: string }) => {
    setChosen(investor);
    onChange?.(investor.id);
    setCreating(false);
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select<number>
        id={id}
        value={value ?? undefined}
        onChange={(v, option) => {
          const o = Array.isArray(option) ? option[0] : option;
          if (v !== undefined && o) setChosen({ id: v, name: String(o.title ?? '') });
          onChange?.(v ?? null);
        }}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
        options={options}
        optionRender={(o) => (o.data as { render: React.ReactNode }).render}
        loading={results.isFetching}
        allowClear
        placeholder={t('projects.form.investorPlaceholder')}
        notFoundContent={results.isFetching ? t('common.loading') : t('projects.form.investorNone')}
        style={{ width: '100%' }}
      />
      {canCreate && (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('projects.form.newInvestor')}
        </Button>
      )}
      {creating && (
        <InvestorFormModal
          initialName={search.trim()}
          onClose={() => setCreating(false)}
          onSaved={(investor) => {
            void message.success(t('investors.created', { name: investor.name }));
            pick(investor);
          }}
          duplicateActions={(dup) => (
            <Button type="primary" onClick={() => pick({ id: dup.existing.id, name: dup.existing.name })}>
              {t('investors.duplicate.useExisting')}
            </Button>
          )}
        />
      )}
    </Space.Compact>
  );
}

/** 专人: an active user in the signed-in user's scope, searched by name. */
export function OwnerSelect({ id, value, onChange, current }: PickerProps & { current?: PersonRef | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const users = useScopeUsers(q, hasPermission(me, 'users.read'));
  const options = (users.data ?? []).filter((u) => !u.isDisabled).map((u) => ({ value: u.id, label: u.displayName, unit: u.unitName }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.displayName, unit: '' });
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          {o.data.unit && <span style={{ marginLeft: 6, fontSize: 12, opacity: 0.55 }}>{o.data.unit}</span>}
        </span>
      )}
      loading={users.isFetching}
      allowClear
      placeholder={t('projects.form.ownerPlaceholder')}
      notFoundContent={users.isError ? users.error.message : t('projects.form.ownerNone')}
      style={{ width: '100%' }}
    />
  );
}

/**
 * 包联领导: a leader account. The user list is scoped, so a county user may not see the city's
 * leaders: then the picker says so instead of showing an empty box.
 */
export function LeaderSelect({ id, value, onChange, current }: PickerProps & { current?: PersonRef | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const leaders = useLeaders(hasPermission(me, 'users.read'));
  const options = (leaders.data ?? []).filter((u) => !u.isDisabled).map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}）` }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.displayName });
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      loading={leaders.isFetching}
      allowClear
      placeholder={options.length || leaders.isPending ? t('projects.form.leaderPlaceholder') : t('projects.filter.noLeaders')}
      notFoundContent={leaders.isError ? leaders.error.message : t('projects.filter.noLeaders')}
      style={{ width: '100%' }}
    />
  );
}
