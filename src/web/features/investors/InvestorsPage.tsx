import { useEffect, useState } from 'react';
import { App, Button, Card, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Investor } from '../../../shared/api/investors';
import { INVESTOR_TAGS, OWNERSHIP_LABELS, OWNERSHIP_TYPES, type OwnershipType } from '../../../shared/project';
import { DemoTag } from '../../components/DemoTag';
import { IndustrySelect } from '../../components/IndustrySelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';
import { InvestorDrawer } from './InvestorDrawer';
import { InvestorFormModal } from './InvestorFormModal';
import { useInvestors, type InvestorFilters } from './investors.queries';
import './investors.css';

const PAGE_SIZES = [10, 20, 50, 100];

/** ?q=&tag=&ownershipType=&industry=&page=&pageSize=, and ?open=<id> for the detail drawer. */
function readFilters(params: URLSearchParams): InvestorFilters {
  const tag = params.get('tag');
  const ownership = params.get('ownershipType');
  const industry = params.get('industry')?.trim();
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    tag: tag && (INVESTOR_TAGS as readonly string[]).includes(tag) ? tag : undefined,
    ownershipType: OWNERSHIP_TYPES.includes(ownership as OwnershipType) ? (ownership as OwnershipType) : undefined,
    industry: industry && /^([A-T]|\d{1,4})$/.test(industry) ? industry : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

type Dialog = { kind: 'create' } | { kind: 'edit'; investor: Investor } | null;

/** 客商库: the enterprises the units work with, searchable, with contacts and linked projects. */
export function InvestorsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const lang = labelLang(i18n.language);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const investors = useInvestors(filters);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const openId = Number(params.get('open'));
  const canWrite = hasPermission(me, 'investors.write');

  const patch = (changes: Record<string, string | undefined>) => {
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') p.delete(key);
        else p.set(key, value);
      }
      if (!('page' in changes) && !('open' in changes)) p.delete('page');
      return p;
    });
  };
  const open = (id: number | undefined) => patch({ open: id === undefined ? undefined : String(id) });

  const name = (i: Investor) => (
    <Space size={4} wrap>
      <Typography.Link onClick={() => open(i.id)} style={{ fontWeight: 500 }}>
        {i.name}
      </Typography.Link>
      {i.isDemo && <DemoTag small />}
      {i.tags.map((tag) => (
        <Tag key={tag} color="blue" variant="outlined" className="zs-tag-small">
          {tag}
        </Tag>
      ))}
    </Space>
  );
  const projectsLink = (i: Investor) =>
    i.projectCount > 0 ? <Link to={`/projects?investorId=${i.id}`}>{t('investors.projectCount', { count: i.projectCount })}</Link> : <Typography.Text type="secondary">0</Typography.Text>;
  const firstContact = (i: Investor) => {
    const c = i.contacts[0];
    return c ? `${c.name}${c.title ? `（${c.title}）` : ''}${c.phone ? ` ${c.phone}` : ''}` : '—';
  };

  const columns: TableColumnsType<Investor> = isPhone
    ? [
        {
          title: t('nav.investors'),
          key: 'investor',
          render: (_, i) => (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              {name(i)}
              <Typography.Text type="secondary" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>
                {i.uscc ?? t('investors.noUscc')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {[i.ownershipType ? OWNERSHIP_LABELS[i.ownershipType][lang] : null, i.industryName, i.unitName].filter(Boolean).join(' · ')}
              </Typography.Text>
              <Space size={12}>
                {projectsLink(i)}
                <Typography.Text type="secondary">{firstContact(i)}</Typography.Text>
              </Space>
            </div>
          ),
        },
      ]
    : [
        { title: t('investors.name'), dataIndex: 'name', render: (_, i) => name(i) },
        {
          title: t('investors.uscc'),
          dataIndex: 'uscc',
          width: 180,
          render: (v: string | null) => (v ? <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>{v}</span> : <Typography.Text type="secondary">—</Typography.Text>),
        },
        { title: t('investors.ownershipType'), dataIndex: 'ownershipType', width: 80, render: (v: OwnershipType | null) => (v ? OWNERSHIP_LABELS[v][lang] : '—') },
        { title: t('investors.industry'), dataIndex: 'industryName', width: 150, ellipsis: { showTitle: true }, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
        { title: t('investors.enteredBy'), dataIndex: 'unitName', width: 110, ellipsis: { showTitle: true } },
        { title: t('investors.firstContact'), key: 'contact', width: 170, ellipsis: { showTitle: true }, responsive: ['xl'], render: (_, i) => firstContact(i) },
        { title: t('investors.projects'), dataIndex: 'projectCount', width: 70, align: 'right', render: (_, i) => projectsLink(i) },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 100,
          render: (_, i) => (
            <Space size={12}>
              <Typography.Link onClick={() => open(i.id)}>{t('investors.view')}</Typography.Link>
              {canWrite && <Typography.Link onClick={() => setDialog({ kind: 'edit', investor: i })}>{t('common.edit')}</Typography.Link>}
            </Space>
          ),
        },
      ];

  return (
    <>
      <PageHeader
        title={t('nav.investors')}
        description={t('investors.pageDescription')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('investors.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <div className="zs-filter-bar" role="search">
          <Input.Search
            aria-label={t('investors.searchPlaceholder')}
            placeholder={t('investors.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => patch({ q: v.trim() || undefined })}
            allowClear
            maxLength={100}
            style={{ width: 280 }}
          />
          <Select<string>
            aria-label={t('investors.tags')}
            placeholder={t('investors.allTags')}
            value={filters.tag}
            onChange={(v) => patch({ tag: v })}
            options={INVESTOR_TAGS.map((tag) => ({ value: tag, label: tag }))}
            allowClear
            style={{ width: 140 }}
          />
          <Select<OwnershipType>
            aria-label={t('investors.ownershipType')}
            placeholder={t('investors.allOwnership')}
            value={filters.ownershipType}
            onChange={(v) => patch({ ownershipType: v })}
            options={OWNERSHIP_TYPES.map((o) => ({ value: o, label: OWNERSHIP_LABELS[o][lang] }))}
            allowClear
            style={{ width: 140 }}
          />
          <IndustrySelect aria-label={t('investors.industry')} placeholder={t('investors.industry')} value={filters.industry} onChange={(v) => patch({ industry: v })} allowClear digitsOnly style={{ width: 240 }} />
          <Button icon={<ReloadOutlined />} onClick={() => setParams(new URLSearchParams())}>
            {t('common.reset')}
          </Button>
        </div>
        {investors.isError ? (
          <QueryError error={investors.error} onRetry={() => void investors.refetch()} />
        ) : (
          <Table<Investor>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={investors.data?.items ?? []}
            loading={investors.isFetching}
            scroll={isPhone ? undefined : { x: 1080 }}
            showHeader={!isPhone}
            locale={{ emptyText: t('investors.empty') }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: investors.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => patch({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
          />
        )}
      </Card>

      {Number.isInteger(openId) && openId > 0 && (
        <InvestorDrawer id={openId} onClose={() => open(undefined)} onEdit={(investor) => setDialog({ kind: 'edit', investor })} />
      )}
      {dialog && (
        <InvestorFormModal
          investor={dialog.kind === 'edit' ? dialog.investor : undefined}
          onClose={() => setDialog(null)}
          onSaved={(investor) => {
            void message.success(dialog.kind === 'create' ? t('investors.created', { name: investor.name }) : t('common.saved'));
            setDialog(null);
            open(investor.id);
          }}
          onReload={() => void queryClient.invalidateQueries({ queryKey: ['investors'] })}
          duplicateActions={(dup) =>
            dup.existing.isVisible ? (
              <Button
                type="primary"
                onClick={() => {
                  setDialog(null);
                  open(dup.existing.id);
                }}
              >
                {t('investors.duplicate.viewExisting')}
              </Button>
            ) : null
          }
        />
      )}
    </>
  );
}
