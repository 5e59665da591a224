import type { ReactNode } from 'react';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/api/projects';
import { Money } from '../../components/Money';
import { formatDateTime } from '../../format';
import { hasPermission, useCurrentUser } from '../auth/session';
import { ReferralStatusTag } from '../referrals/ReferralStatusTag';
import { useReferral } from '../referrals/referrals.queries';
import { useLedgerLabels } from './labels';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? dash : v);

/** A quantity with its unit: 120 亩, 35,000 ㎡, 300 人. */
function Quantity({ value, unit }: { value: string | number | null; unit: string }) {
  if (value === null || value === '') return dash;
  const [i = '', f] = String(value).split('.');
  const trimmed = f?.replace(/0+$/, '');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (trimmed ? `.${trimmed}` : '');
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {grouped} {unit}
    </span>
  );
}

/** 第一引荐人: from the registration the project is linked to. */
function FirstReferrer({ referralId }: { referralId: number | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useLedgerLabels();
  const canRead = hasPermission(me, 'referrals.read');
  const referral = useReferral(referralId ?? 0, canRead && referralId !== null);
  if (referralId === null) return <Typography.Text type="secondary">{t('projectDetail.noReferral')}</Typography.Text>;
  if (!canRead) return <span>{t('projectDetail.referralLinked')}</span>;
  if (referral.isError) return <Typography.Text type="secondary">{referral.error.message}</Typography.Text>;
  if (!referral.data) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  const r = referral.data;
  return (
    <Space orientation="vertical" size={0}>
      <Space size={6} wrap>
        <Link to={`/referrals?id=${r.id}`}>{r.referrerName}</Link>
        <Tag className="zs-tag-small">{labels.referrerKind(r.referrerKind)}</Tag>
        <ReferralStatusTag status={r.status} small />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projectDetail.referralBy', { unit: r.unitName, time: formatDateTime(r.registeredAt) })}
      </Typography.Text>
    </Space>
  );
}

/** 基本信息 · 投资额 · 效益与要素 · 人员 */
export function ProjectFacts({ project, canSeeDetails }: { project: Project; canSeeDetails: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useLedgerLabels();
  const column = { xs: 1, sm: 2, xl: 2 };
  const investor =
    project.investorId && project.investorName ? (
      hasPermission(me, 'investors.read') ? (
        <Link to={`/investors?open=${project.investorId}`}>{project.investorName}</Link>
      ) : (
        project.investorName
      )
    ) : null;

  // What the project asks of the land: among the benefits for staff, on its own for a department.
  const landItems = [
    <Descriptions.Item key="land" label={t('projectDetail.land')}>
      <Quantity value={project.landMu} unit={t('projectDetail.mu')} />
    </Descriptions.Item>,
    <Descriptions.Item key="floor" label={t('projectDetail.floorArea')}>
      <Quantity value={project.floorAreaM2} unit="㎡" />
    </Descriptions.Item>,
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('projectDetail.basics')}>
        <Descriptions size="small" column={column}>
          <Descriptions.Item label={t('projectDetail.unit')}>{project.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.investor')}>{orDash(investor)}</Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.industry')}>
            {project.industryCode ? `${project.industryCode} ${project.industryName ?? ''}` : dash}
          </Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.carrier')}>{orDash(project.carrier)}</Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.channel')}>{orDash(labels.channel(project.channel))}</Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.tags')}>
            {project.tags.length ? project.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : dash}
          </Descriptions.Item>
          {project.description && (
            <Descriptions.Item label={t('projectDetail.descriptionLabel')} span="filled">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 4, expandable: true }}>
                {project.description}
              </Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card size="small" title={t('projectDetail.money')} extra={<Typography.Text type="secondary">{t('projectDetail.moneyUnit')}</Typography.Text>}>
        <Descriptions size="small" column={column}>
          <Descriptions.Item label={t('projectDetail.planned')}>
            <Money value={project.plannedInvestment} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.contracted')}>
            <Money value={project.contractedInvestment} strong />
          </Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.fixedAsset')}>
            <Money value={project.fixedAssetInvestment} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.foreign')}>
            <Money value={project.foreignInvestment} usd />
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {!canSeeDetails && (
        // A department handling a land or approval issue needs what the project asks of the land, not its expected benefits.
        <Card size="small" title={t('projectDetail.landNeeds')}>
          <Descriptions size="small" column={column}>
            {landItems}
          </Descriptions>
        </Card>
      )}

      {canSeeDetails && (
        <Card size="small" title={t('projectDetail.benefits')}>
          <Descriptions size="small" column={column}>
            <Descriptions.Item label={t('projectDetail.output')}>
              <Money value={project.expectedOutput} />
            </Descriptions.Item>
            <Descriptions.Item label={t('projectDetail.tax')}>
              <Money value={project.expectedTax} />
            </Descriptions.Item>
            <Descriptions.Item label={t('projectDetail.jobs')}>
              <Quantity value={project.expectedJobs} unit={t('projectDetail.persons')} />
            </Descriptions.Item>
            {landItems}
          </Descriptions>
        </Card>
      )}

      <Card size="small" title={t('projectDetail.peopleTitle')}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, xl: 3 }}>
          <Descriptions.Item label={t('projectDetail.owner')}>{orDash(project.owner?.displayName)}</Descriptions.Item>
          <Descriptions.Item label={t('projectDetail.liaisonLeader')}>{orDash(project.liaisonLeader?.displayName)}</Descriptions.Item>
          {canSeeDetails && (
            <Descriptions.Item label={t('projectDetail.firstReferrer')}>
              <FirstReferrer referralId={project.referralId} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
    </Space>
  );
}
