import { Button, Descriptions, Drawer, Empty, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Investor } from '../../../shared/api/investors';
import { OWNERSHIP_LABELS } from '../../../shared/project';
import { DemoTag } from '../../components/DemoTag';
import { Money } from '../../components/Money';
import { QueryError } from '../../components/QueryError';
import { StageTag } from '../../components/StageTag';
import { formatDateTime } from '../../format';
import { labelLang } from '../../i18n';
import { hasPermission, useCurrentUser } from '../auth/session';
import { useInvestor, useInvestorProjects } from './investors.queries';

function place(i: Investor): string {
  return [i.country, i.province, i.city].filter(Boolean).join(' · ') || '—';
}

function Contacts({ investor }: { investor: Investor }) {
  const { t } = useTranslation();
  if (investor.contacts.length === 0) return <Typography.Text type="secondary">{t('investors.noContacts')}</Typography.Text>;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={investor.contacts}
      scroll={{ x: 560 }}
      columns={[
        { title: t('investors.contactName'), dataIndex: 'name', width: 90 },
        { title: t('investors.contactTitle'), dataIndex: 'title', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('investors.contactPhone'), dataIndex: 'phone', width: 120, render: (v: string | null) => (v ? <a href={`tel:${v}`}>{v}</a> : '—') },
        { title: t('investors.contactWechat'), dataIndex: 'wechat', width: 100, render: (v: string | null) => v ?? '—' },
        { title: t('investors.contactEmail'), dataIndex: 'email', render: (v: string | null) => (v ? <a href={`mailto:${v}`}>{v}</a> : '—') },
      ]}
    />
  );
}

function LinkedProjects({ investor }: { investor: Investor }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canReadProjects = hasPermission(me, 'projects.read');
  const projects = useInvestorProjects(investor.id, canReadProjects);
  if (!canReadProjects) return null;
  if (projects.isError) return <QueryError error={projects.error} onRetry={() => void projects.refetch()} />;
  const items = projects.data?.items ?? [];
  return (
    <>
      <List
        size="small"
        loading={projects.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('investors.noProjects')} /> }}
        renderItem={(p) => (
          <List.Item>
            <div className="zs-investor-project">
              <Space size={4} wrap>
                <Link to={`/projects/${p.id}`}>{p.name}</Link>
                {p.isDemo && <DemoTag small />}
              </Space>
              <Space size={8} wrap>
                <Typography.Text type="secondary">{p.unitName}</Typography.Text>
                <StageTag stage={p.stage} sideState={p.sideState} date={p.stageDate} isStalled={p.isStalled} small />
                <Money value={p.contractedInvestment ?? p.plannedInvestment} />
              </Space>
            </div>
          </List.Item>
        )}
      />
      {(projects.data?.total ?? 0) > 0 && (
        <Link to={`/projects?investorId=${investor.id}`}>{t('investors.openInLedger', { count: projects.data?.total ?? 0 })}</Link>
      )}
    </>
  );
}

/** 客商详情: who they are, whom to call, and the projects in scope linked to them. */
export function InvestorDrawer({ id, onClose, onEdit }: { id: number; onClose: () => void; onEdit: (investor: Investor) => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const isPhone = Grid.useBreakpoint().md === false;
  const investor = useInvestor(id);
  const lang = labelLang(i18n.language);
  const i = investor.data;

  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={
        i ? (
          <Space size={6} wrap>
            <span>{i.name}</span>
            {i.isDemo && <DemoTag small />}
          </Space>
        ) : (
          t('investors.detailTitle')
        )
      }
      extra={
        i &&
        hasPermission(me, 'investors.write') && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(i)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {investor.isError ? (
        <QueryError error={investor.error} onRetry={() => void investor.refetch()} />
      ) : !i ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={20} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('investors.uscc')} span={2}>
              <Typography.Text copyable={Boolean(i.uscc)} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
                {i.uscc ?? '—'}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('investors.ownershipType')}>{i.ownershipType ? OWNERSHIP_LABELS[i.ownershipType][lang] : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('investors.scale')}>{i.scale ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('investors.industry')} span={2}>
              {i.industryCode ? `${i.industryCode} ${i.industryName ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('investors.place')}>{place(i)}</Descriptions.Item>
            <Descriptions.Item label={t('investors.enteredBy')}>{i.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('investors.tags')} span={2}>
              {i.tags.length ? i.tags.map((tag) => <Tag key={tag} color="blue">{tag}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('investors.description')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{i.description ?? '—'}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('investors.updatedAt')} span={2}>
              {formatDateTime(i.updatedAt)}
            </Descriptions.Item>
          </Descriptions>
          <section>
            <Typography.Title level={5}>{t('investors.contacts')}</Typography.Title>
            <Contacts investor={i} />
          </section>
          <section>
            <Typography.Title level={5}>{t('investors.linkedProjects')}</Typography.Title>
            <LinkedProjects investor={i} />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
