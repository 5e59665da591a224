import { Alert, Badge, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/roles';
import { api } from '../../api/client';
import { roleLabel } from '../../components/RoleLabel';
import { UnitTypeTag } from '../../components/UnitTypeTag';
import { FEATURES, isFeatureListed } from '../../features';
import { useCurrentUser } from '../auth/session';

interface Health {
  status: string;
  database: string;
  version: string;
}

function greetingKey(hour: number) {
  if (hour < 11) return 'home.greetingMorning' as const;
  if (hour < 13) return 'home.greetingNoon' as const;
  if (hour < 18) return 'home.greetingAfternoon' as const;
  return 'home.greetingEvening' as const;
}

// What the pages of this build let a user do; later features add their permissions here.
const DESCRIBED = ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', 'session.self'] as const satisfies readonly Permission[];

/** The start page: who you are, where you sit, what you may do and where to do it. No figures yet. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const health = useQuery({ queryKey: ['health'], queryFn: () => api.get<Health>('/api/health'), staleTime: 60_000 });

  const sections = FEATURES.filter((f) => f.onHome && isFeatureListed(f, user));
  const abilities = DESCRIBED.filter((p) => user.permissions.includes(p));
  const isHealthy = health.data?.status === 'ok';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t(greetingKey(new Date().getHours()), { name: user.displayName })}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 3 }}>
          <Descriptions.Item label={t('home.unit')}>
            <Space size={6} wrap>
              <span>{user.unit.name}</span>
              <UnitTypeTag type={user.unit.type} small />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.role')}>{roleLabel(user.role, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('home.username')}>{user.username}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.scope', { unit: user.unit.name })}
        </Typography.Paragraph>
        {user.isDemo && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('home.demoNotice')} />}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('home.sections')}>
            <Row gutter={[12, 12]}>
              {sections.map((f) => (
                <Col key={f.key} xs={24} sm={12}>
                  <Link to={f.path} style={{ display: 'block' }}>
                    <Card size="small" hoverable>
                      <Space align="start" size={12}>
                        <span style={{ fontSize: 22, color: '#1f5fa8' }}>{f.icon}</span>
                        <span>
                          <Typography.Text strong>{t(`nav.${f.key}`)}</Typography.Text> <RightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
                          <br />
                          <Typography.Text type="secondary">{t(`home.featureHints.${f.key}`)}</Typography.Text>
                        </span>
                      </Space>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              {t('home.moreSoon')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('home.abilities')}>
              <ul className="zs-plain-list">
                {abilities.map((p) => (
                  <li key={p}>{t(`permissions.${p}`)}</li>
                ))}
              </ul>
            </Card>
            <Card title={t('home.system')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('home.status')}>
                  {health.isPending ? (
                    <Badge status="processing" text={t('common.loading')} />
                  ) : (
                    <Badge status={isHealthy ? 'success' : 'error'} text={isHealthy ? t('home.statusOk') : t('home.statusDown')} />
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('home.database')}>
                  {health.data?.database === 'pglite'
                    ? t('home.databasePglite')
                    : health.data?.database === 'postgres'
                      ? 'PostgreSQL'
                      : (health.data?.database ?? '—')}
                </Descriptions.Item>
                <Descriptions.Item label={t('home.version')}>{health.data?.version ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
