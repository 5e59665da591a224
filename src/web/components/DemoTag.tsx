import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Marks seed/demo records (示例) so nobody mistakes them for real data. */
export function DemoTag({ small }: { small?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color="gold" variant="filled" className={small ? 'zs-tag-small' : undefined} title={t('common.demoHint')}>
      {t('common.demo')}
    </Tag>
  );
}
