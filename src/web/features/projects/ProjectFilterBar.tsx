import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Checkbox, Grid, Input, Select, Tag } from 'antd';
import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Investor } from '../../../shared/api/investors';
import { SIDE_STATES, STAGES, type SideState, type Stage } from '../../../shared/project';
import { tierLabel } from '../../../shared/settings';
import { api, pathOf } from '../../api/client';
import { IndustrySelect } from '../../components/IndustrySelect';
import { MoneyInput } from '../../components/Money';
import { stageLabel } from '../../components/StageTag';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { hasPermission, useCurrentUser } from '../auth/session';
import { filterParams, type ProjectListState, type SideStateFilter } from './project-filters';
import { useLeaders, useSettings } from './projects.queries';

export type PatchParams = (changes: Record<string, string | undefined>) => void;

/** A filter typed into a box reaches the URL (and the server) once typing pauses. */
function useDebouncedCommit(value: string | undefined, commit: (v: string | undefined) => void, current: string | undefined) {
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    if ((value ?? '') === (current ?? '')) return;
    const timer = setTimeout(() => commitRef.current(value), 700);
    return () => clearTimeout(timer);
  }, [value, current]);
}

function InvestorFilterTag({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const investor = useQuery({
    queryKey: ['investors', 'one', id],
    queryFn: ({ signal }) => api.get<Investor>(pathOf('/api/investors', id), undefined, signal),
  });
  return (
    <Tag closable onClose={onClose} color="blue" style={{ marginInlineEnd: 0 }}>
      {t('projects.filter.investor')}：{investor.data?.name ?? `#${id}`}
    </Tag>
  );
}

/** 项目台账 filters: every control writes the query string; the list and the board read it. */
export function ProjectFilterBar({ state, patch, onReset }: { state: ProjectListState; patch: PatchParams; onReset: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const [isExpanded, setExpanded] = useState(false);
  const settings = useSettings();
  const leaders = useLeaders(hasPermission(me, 'users.read'));
  const [search, setSearch] = useState(state.q ?? '');
  const [minAmount, setMinAmount] = useState(state.minAmount);
  const [maxAmount, setMaxAmount] = useState(state.maxAmount);
  useEffect(() => setSearch(state.q ?? ''), [state.q]);
  useEffect(() => setMinAmount(state.minAmount), [state.minAmount]);
  useEffect(() => setMaxAmount(state.maxAmount), [state.maxAmount]);
  useDebouncedCommit(minAmount, (v) => patch({ minAmount: v }), state.minAmount);
  useDebouncedCommit(maxAmount, (v) => patch({ maxAmount: v }), state.maxAmount);

  // Stages and side states in one picker: 阶段 (where it stands) and 状态 (停滞/流失/终止/正常推进).
  const stateValue = [...(state.stage ?? []).map((s) => `stage:${s}`), ...(state.sideState ?? []).map((s) => `side:${s}`)];
  const stateOptions = [
    { label: t('projects.filter.stageGroup'), title: 'stage', options: STAGES.map((s) => ({ value: `stage:${s}`, label: stageLabel(s, i18n.language) })) },
    {
      label: t('projects.filter.sideGroup'),
      title: 'side',
      options: [
        { value: 'side:none', label: t('projects.filter.sideNone') },
        ...SIDE_STATES.map((s) => ({ value: `side:${s}`, label: stageLabel(s, i18n.language) })),
      ],
    },
  ];
  const onStateChange = (values: string[]) => {
    const stages = values.filter((v) => v.startsWith('stage:')).map((v) => v.slice(6) as Stage);
    const sides = values.filter((v) => v.startsWith('side:')).map((v) => v.slice(5) as SideState | 'none');
    patch({ stage: stages.join(',') || undefined, sideState: (sides as SideStateFilter[]).join(',') || undefined });
  };

  const leaderOptions = (leaders.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}）` }));
  if (state.liaisonLeaderId && !leaderOptions.some((o) => o.value === state.liaisonLeaderId)) {
    leaderOptions.push({ value: state.liaisonLeaderId, label: t('projects.filter.leaderNumber', { id: state.liaisonLeaderId }) });
  }
  const flag = (key: string, checked: boolean) => patch({ [key]: checked ? '1' : undefined });
  // On a phone the search stays in view and the other filters fold under 筛选 (with how many are on).
  const activeCount = Object.entries(filterParams(state)).filter(([key, v]) => key !== 'q' && v !== undefined && v !== '').length;
  const showMore = !isPhone || isExpanded;
  const width = (px: number) => ({ width: isPhone ? '100%' : px });
  const resetButton = (
    <Button icon={<ReloadOutlined />} onClick={onReset}>
      {t('common.reset')}
    </Button>
  );

  const primary = (
    <>
      <Select<string[]>
        mode="multiple"
        aria-label={t('projects.filter.stage')}
        placeholder={t('projects.filter.stage')}
        value={stateValue}
        onChange={onStateChange}
        options={stateOptions}
        allowClear
        maxTagCount="responsive"
        style={width(210)}
      />
      <UnitTreeSelect
        aria-label={t('projects.filter.unit')}
        placeholder={t('projects.filter.unit')}
        value={state.unitId}
        onChange={(v) => patch({ unitId: v === undefined ? undefined : String(v) })}
        allowClear
        includeDisabled
        style={width(190)}
      />
      <IndustrySelect
        aria-label={t('projects.filter.industry')}
        placeholder={t('projects.filter.industry')}
        value={state.industry}
        onChange={(v) => patch({ industry: v })}
        allowClear
        digitsOnly
        style={width(220)}
      />
    </>
  );
  const secondary = (
    <>
      <span className="zs-ledger-range" role="group" aria-label={t('projects.filter.amountRange')}>
        <span className="zs-ledger-range-label">{t('projects.filter.amountRange')}</span>
        <MoneyInput aria-label={t('projects.filter.minAmount')} placeholder={t('projects.filter.min')} value={minAmount} onChange={setMinAmount} noHint style={{ width: 120 }} />
        <span aria-hidden>–</span>
        <MoneyInput aria-label={t('projects.filter.maxAmount')} placeholder={t('projects.filter.max')} value={maxAmount} onChange={setMaxAmount} noHint style={{ width: 120 }} />
      </span>
      <Select<number>
        aria-label={t('projects.filter.tier')}
        placeholder={t('projects.filter.tier')}
        value={state.tier}
        onChange={(v) => patch({ tier: v === undefined ? undefined : String(v) })}
        options={(settings.data?.sizeTiers ?? []).map((w) => ({ value: w, label: t('projects.filter.tierOption', { tier: tierLabel(w) }) }))}
        loading={settings.isPending}
        allowClear
        style={width(140)}
      />
      <Select<number>
        aria-label={t('projects.filter.leader')}
        placeholder={t('projects.filter.leader')}
        value={state.liaisonLeaderId}
        onChange={(v) => patch({ liaisonLeaderId: v === undefined ? undefined : String(v) })}
        options={leaderOptions}
        loading={leaders.isFetching}
        notFoundContent={leaders.isError ? leaders.error.message : t('projects.filter.noLeaders')}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        popupMatchSelectWidth={false}
        style={width(170)}
      />
      <Checkbox checked={state.stalled === true} onChange={(e) => flag('stalled', e.target.checked)}>
        {t('ledgerUi.stalled')}
      </Checkbox>
      <Checkbox checked={state.signedNotStarted === true} onChange={(e) => flag('signedNotStarted', e.target.checked)}>
        {t('ledgerUi.signedNotStarted')}
      </Checkbox>
      <Checkbox checked={state.isKey === true} onChange={(e) => flag('isKey', e.target.checked)}>
        {t('projects.filter.keyOnly')}
      </Checkbox>
      <Checkbox
        checked={state.ownerUserId === me.id}
        onChange={(e) => patch({ ownerUserId: e.target.checked ? String(me.id) : undefined })}
      >
        {t('projects.filter.mine')}
      </Checkbox>
      {state.ownerUserId !== undefined && state.ownerUserId !== me.id && (
        <Tag closable onClose={() => patch({ ownerUserId: undefined })} color="blue" style={{ marginInlineEnd: 0 }}>
          {t('projects.filter.ownerNumber', { id: state.ownerUserId })}
        </Tag>
      )}
      {state.investorId && <InvestorFilterTag id={state.investorId} onClose={() => patch({ investorId: undefined })} />}
    </>
  );

  return (
    <div role="search" aria-label={t('projects.filter.label')}>
      <div className="zs-filter-bar">
        <Input.Search
          aria-label={t('projects.filter.searchPlaceholder')}
          placeholder={t('projects.filter.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => patch({ q: v.trim() || undefined })}
          allowClear
          maxLength={100}
          style={isPhone ? { flex: 1, minWidth: 0 } : { width: 250 }}
        />
        {isPhone ? (
          <Badge count={activeCount} size="small">
            <Button icon={<FilterOutlined />} aria-expanded={isExpanded} onClick={() => setExpanded((v) => !v)}>
              {t('projects.filter.more')}
            </Button>
          </Badge>
        ) : (
          <>
            {primary}
            {resetButton}
          </>
        )}
      </div>
      {isPhone && isExpanded && <div className="zs-filter-bar">{primary}</div>}
      {showMore && (
        <div className="zs-filter-bar">
          {secondary}
          {isPhone && resetButton}
        </div>
      )}
    </div>
  );
}
