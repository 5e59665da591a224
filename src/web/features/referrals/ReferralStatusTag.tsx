import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConflictStatus, ReferralStatus } from '../../../shared/api/referrals';

const COLORS: Record<ReferralStatus, string> = {
  active: 'processing',
  conflict: 'error',
  confirmed: 'success',
  rejected: 'default',
  withdrawn: 'default',
};

/** 保护中 · 有争议 · 已确认 · 未获认定 · 已撤回 */
export function ReferralStatusTag({ status, small }: { status: ReferralStatus; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} className={small ? 'zs-tag-small' : undefined}>
      {t(`referrals.status.${status}`)}
    </Tag>
  );
}

const CONFLICT_COLORS: Record<ConflictStatus, string> = { open: 'error', resolved: 'success', void: 'default' };

/** 待裁定 · 已裁定 · 已失效 */
export function ConflictStatusTag({ status, small }: { status: ConflictStatus; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={CONFLICT_COLORS[status]} className={small ? 'zs-tag-small' : undefined}>
      {t(`referrals.conflictStatus.${status}`)}
    </Tag>
  );
}
