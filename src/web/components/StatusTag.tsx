import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 正常 / 已停用, the same words for units and users. */
export function StatusTag({ isDisabled, small }: { isDisabled: boolean; small?: boolean }) {
  const { t } = useTranslation();
  const className = small ? 'zs-tag-small' : undefined;
  return isDisabled ? (
    <Tag className={className}>{t('common.disabled')}</Tag>
  ) : (
    <Tag color="success" variant="filled" className={className}>
      {t('common.enabled')}
    </Tag>
  );
}
