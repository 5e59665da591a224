import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../shared/api/projects';
import type { ReferralDetail } from '../../../shared/api/referrals';
import { api } from '../../api/client';
import { useShowError } from '../../api/errors';
import { hasPermission, useCurrentUser } from '../auth/session';
import type { Page } from '../users/users.queries';
import { useLinkProject, useReferralAction } from './referrals.queries';
import { paren } from '../project-detail/labels';

type Dialog = 'note' | 'withdraw' | 'link' | null;

function TextDialog({ referral, kind, onClose }: { referral: ReferralDetail; kind: 'note' | 'withdraw'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const showError = useShowError();
  const action = useReferralAction();
  const isWithdraw = kind === 'withdraw';
  return (
    <Modal
      open
      title={isWithdraw ? t('referrals.withdrawTitle') : t('referrals.noteTitle')}
      okText={isWithdraw ? t('referrals.withdraw') : t('referrals.addNote')}
      okButtonProps={{ danger: isWithdraw }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={action.isPending}
      mask={{ closable: false }}
    >
      {isWithdraw && <p>{t('referrals.withdrawHint')}</p>}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ text }: { text: string }) =>
          action.mutate(
            { id: referral.id, action: kind, text: text.trim() },
            {
              onSuccess: () => {
                void message.success(isWithdraw ? t('referrals.withdrawn') : t('referrals.noteAdded'));
                onClose();
              },
              onError: (error) => showError(error, form, { REFERRAL_CLOSED: 'text' }),
            },
          )
        }
      >
        <Form.Item
          name="text"
          label={isWithdraw ? t('referrals.withdrawReason') : t('referrals.noteText')}
          extra={isWithdraw ? undefined : t('referrals.noteHint')}
          rules={[{ required: true, whitespace: true, message: t('referrals.textRequired') }, { max: isWithdraw ? 1000 : 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={isWithdraw ? 1000 : 2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 关联项目: the project the lead became, found by name on the server (never a full list in the browser). */
function LinkDialog({ referral, onClose }: { referral: ReferralDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const link = useLinkProject();
  const [search, setSearch] = useState(referral.investorName);
  const [debounced, setDebounced] = useState(search);
  const [projectId, setProjectId] = useState<number>();
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const projects = useQuery({
    queryKey: ['projects', 'pick', debounced],
    queryFn: ({ signal }) => api.get<Page<ProjectSummary>>('/api/projects', { q: debounced || undefined, pageSize: 20 }, signal),
  });
  return (
    <Modal
      open
      title={t('referrals.linkTitle')}
      okText={t('referrals.link')}
      okButtonProps={{ disabled: !projectId }}
      onOk={() =>
        projectId &&
        link.mutate(
          { id: referral.id, projectId },
          {
            onSuccess: () => {
              void message.success(t('referrals.linked'));
              onClose();
            },
            onError: (error) => showError(error),
          },
        )
      }
      onCancel={onClose}
      confirmLoading={link.isPending}
      mask={{ closable: false }}
    >
      <p>{t('referrals.linkHint')}</p>
      <Select<number>
        style={{ width: '100%' }}
        showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch }}
        value={projectId}
        onChange={setProjectId}
        loading={projects.isFetching}
        placeholder={t('referrals.linkPlaceholder')}
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}${paren(p.unitName)}` }))}
        notFoundContent={projects.isError ? projects.error.message : t('referrals.noProjects')}
      />
    </Modal>
  );
}

/** 补充说明 · 撤回 · 关联项目, as far as the user and the registration's status allow. */
export function ReferralActions({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const isOpen = referral.status !== 'withdrawn' && referral.status !== 'rejected';
  const canWrite = hasPermission(me, 'referrals.write');
  const canLink = hasPermission(me, 'projects.write') && isOpen && referral.projectId === null;
  if (!canWrite && !canLink) return null;
  return (
    <>
      <Space wrap>
        {canWrite && <Button onClick={() => setDialog('note')}>{t('referrals.addNote')}</Button>}
        {canLink && <Button onClick={() => setDialog('link')}>{t('referrals.link')}</Button>}
        {canWrite && isOpen && (
          <Button danger onClick={() => setDialog('withdraw')}>
            {t('referrals.withdraw')}
          </Button>
        )}
      </Space>
      {(dialog === 'note' || dialog === 'withdraw') && <TextDialog referral={referral} kind={dialog} onClose={() => setDialog(null)} />}
      {dialog === 'link' && <LinkDialog referral={referral} onClose={() => setDialog(null)} />}
    </>
  );
}
