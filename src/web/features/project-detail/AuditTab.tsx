import { useState } from 'react';
import { Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/audit';
import { formatWan } from '../../../shared/money';
import { STAGE_LABELS, type Stage } from '../../../shared/project';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { useProjectAuditLog } from './project-detail.queries';
import { diffSnapshots } from '../audit/diff';
import { actorLabel } from '../audit/labels';
import { colon, paren } from './labels';

const PAGE_SIZE = 10;
const BOOKKEEPING = new Set(['version', 'updatedAt', 'createdAt', 'searchTokens', 'transition', 'createdBy', 'id', 'isDemo']);
const MONEY = new Set(['plannedInvestment', 'contractedInvestment', 'fixedAssetInvestment', 'expectedOutput', 'expectedTax']);
const FIELDS = [
  'name', 'unitId', 'stage', 'stageDate', 'sideState', 'sideStateDate', 'sideStateReason', 'lostDestination', 'signedDate',
  'registeredDate', 'startedDate', 'producingDate', 'atCapacityDate', 'investorId', 'industryCode', 'carrier', 'plannedInvestment',
  'contractedInvestment', 'fixedAssetInvestment', 'foreignInvestment', 'expectedOutput', 'expectedTax', 'expectedJobs', 'landMu',
  'floorAreaM2', 'channel', 'isCityKey', 'isProvinceKey', 'tags', 'ownerUserId', 'liaisonLeaderId', 'referralId', 'description',
  'nextStep', 'nextStepDue', 'lastFollowUpDate',
] as const;
const ACTIONS = [
  'create', 'update', 'request_transition', 'verify_transition', 'verify_backward_transition', 'reject_transition', 'link_referral', 'seed_demo_history',
  'report_funds', 'report_funds_correction', 'verify_funds', 'reject_funds',
] as const;
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

function valueText(t: TFunction, lang: 'zh' | 'en', field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('audit.empty');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' && MONEY.has(field)) return formatWan(value, lang);
  if (typeof value === 'string' && (field === 'stage' || field === 'sideState' || field === 'to') && value in STAGE_LABELS) return STAGE_LABELS[value as Stage][lang];
  // Nested records (a seeded history, a transition) are summarised, not dumped.
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object' || v === null) ? value.join('、') : t('projectDetail.auditItems', { count: value.length });
  if (typeof value === 'object') return t('projectDetail.auditRecord');
  return String(value);
}

/** The entry in words: what the change asked for, or which fields moved from what to what. */
function EntryDetail({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const [isAll, setAll] = useState(false);
  if (entry.action === 'seed_demo_history') return <Typography.Text type="secondary">{t('projectDetail.auditSeeded')}</Typography.Text>;
  if (entry.action === 'create') return <Typography.Text type="secondary">{t('projectDetail.auditCreated')}</Typography.Text>;
  if (entry.action === 'request_transition' && entry.after && typeof entry.after === 'object') {
    const a = entry.after as { to?: string; eventDate?: string; reason?: string | null };
    return (
      <Typography.Text>
        {t('projectDetail.auditRequested', { to: valueText(t, lang, 'to', a.to), date: a.eventDate ?? '—' })}
        {a.reason ? paren(a.reason) : ''}
      </Typography.Text>
    );
  }
  if (entry.action.endsWith('_funds') || entry.action === 'report_funds_correction') {
    // A funds tranche: which one, its date and 万元 amount, and the reviewer's note.
    const a = (entry.after ?? {}) as { id?: number; date?: string; amountCny?: string; reviewNote?: string | null };
    const cny = a.amountCny ?? '0';
    const amount = cny.startsWith('-') ? `−${formatWan(cny.slice(1), lang)}` : formatWan(cny, lang);
    return (
      <Typography.Text>
        {t('projectDetail.auditFunds', { id: a.id ?? '—', date: a.date ?? '—', amount })}
        {a.reviewNote ? paren(a.reviewNote) : ''}
      </Typography.Text>
    );
  }
  const changes = diffSnapshots(entry.before, entry.after).filter((c) => c.isChanged && !BOOKKEEPING.has(c.field));
  if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = isAll ? changes : changes.slice(0, 6);
  return (
    <Space orientation="vertical" size={0}>
      {shown.map((c) => (
        <Typography.Text key={c.field} style={{ fontSize: 13 }}>
          <Typography.Text type="secondary">{isOneOf(FIELDS, c.field) ? t(`projectDetail.fields.${c.field}`) : c.field}{colon()}</Typography.Text>
          {valueText(t, lang, c.field, c.before)} → {valueText(t, lang, c.field, c.after)}
        </Typography.Text>
      ))}
      {changes.length > shown.length && (
        <Typography.Link onClick={() => setAll(true)}>{t('projectDetail.auditMore', { count: changes.length - shown.length })}</Typography.Link>
      )}
    </Space>
  );
}

/** 操作记录: the project's audit trail (who changed what, when), newest first. */
export function AuditTab({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const log = useProjectAuditLog(projectId, page, PAGE_SIZE);
  const action = (a: string) => <Tag className="zs-tag-small">{isOneOf(ACTIONS, a) ? t(`projectDetail.auditActions.${a}`) : a}</Tag>;

  const columns: TableColumnsType<AuditEntry> = isPhone
    ? [
        {
          key: 'all',
          render: (_, e) => (
            <Space orientation="vertical" size={2}>
              <Space size={6} wrap>
                {action(e.action)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {actorLabel(t, e.actorId, e.actorName)}
                </Typography.Text>
              </Space>
              <EntryDetail entry={e} />
            </Space>
          ),
        },
      ]
    : [
        { title: t('audit.time'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
        { title: t('audit.actor'), key: 'actor', width: 200, render: (_, e) => actorLabel(t, e.actorId, e.actorName) },
        { title: t('audit.action'), dataIndex: 'action', width: 120, render: action },
        { title: t('projectDetail.auditChange'), key: 'detail', render: (_, e) => <EntryDetail entry={e} /> },
      ];

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">{t('projectDetail.auditHint')}</Typography.Text>
        <Link to={`/audit?entity=project&entityId=${projectId}`}>{t('projectDetail.auditFull')}</Link>
      </div>
      {log.isError ? (
        <QueryError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.isFetching}
          showHeader={!isPhone}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: log.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, size: 'small' }}
        />
      )}
    </>
  );
}
