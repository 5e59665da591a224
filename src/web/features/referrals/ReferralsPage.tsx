import { useState } from 'react';
import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { hasPermission, useCurrentUser } from '../auth/session';
import { ConflictList } from './ConflictList';
import { ReferralDrawer } from './ReferralDrawer';
import { ReferralFormModal } from './ReferralFormModal';
import { ReferralList } from './ReferralList';

/**
 * 首谈报备: register leads and their first referrer, follow one's registrations, and (bureau)
 * arbitrate conflicts. ?tab=conflicts for the arbitration list; ?id= opens a registration.
 */
export function ReferralsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [isCreating, setCreating] = useState(false);
  const canWrite = hasPermission(me, 'referrals.write');
  const canArbitrate = hasPermission(me, 'referrals.arbitrate');
  const tab = canArbitrate && params.get('tab') === 'conflicts' ? 'conflicts' : 'list';
  const openId = Number(params.get('id'));

  const patch = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') p.delete(key);
        else p.set(key, value);
      }
      if (!('page' in changes) && !('id' in changes)) p.delete('page');
      return p;
    });
  const open = (id: number) => patch({ id: String(id) });

  return (
    <>
      <PageHeader
        title={t('nav.referrals')}
        description={me.role === 'referrer' ? t('referrals.descriptionReferrer') : t('referrals.description')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('referrals.register')}
            </Button>
          )
        }
      />
      <Card size="small">
        {canArbitrate ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams(key === 'conflicts' ? { tab: 'conflicts' } : {})}
            items={[
              { key: 'list', label: t('referrals.tabList'), children: tab === 'list' && <ReferralList params={params} patch={patch} onOpen={open} /> },
              { key: 'conflicts', label: t('referrals.tabConflicts'), children: tab === 'conflicts' && <ConflictList params={params} patch={patch} onOpen={open} /> },
            ]}
          />
        ) : (
          <ReferralList params={params} patch={patch} onOpen={open} />
        )}
      </Card>
      {Number.isInteger(openId) && openId > 0 && <ReferralDrawer id={openId} onClose={() => patch({ id: undefined })} onOpen={open} />}
      {isCreating && <ReferralFormModal onClose={() => setCreating(false)} onCreated={(r) => { setCreating(false); open(r.id); }} />}
    </>
  );
}
