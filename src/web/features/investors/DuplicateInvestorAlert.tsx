import type { ReactNode } from 'react';
import { Alert, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateInvestor } from './investors.queries';

/**
 * "This enterprise is already in the directory": the existing record (name, USCC, the unit that
 * entered it) and what the caller offers — 使用已有客商 in the project form, 查看 in the directory.
 */
export function DuplicateInvestorAlert({ duplicate, actions }: { duplicate: DuplicateInvestor; actions?: ReactNode }) {
  const { t } = useTranslation();
  const { existing } = duplicate;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={duplicate.matchedBy === 'uscc' ? t('investors.duplicate.byUscc') : t('investors.duplicate.byName')}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('investors.name')}>{existing.name}</Descriptions.Item>
            <Descriptions.Item label={t('investors.uscc')}>{existing.uscc ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('investors.enteredBy')}>{existing.unitName}</Descriptions.Item>
          </Descriptions>
          {!existing.isVisible && <span>{t('investors.duplicate.notVisible', { unit: existing.unitName })}</span>}
          {actions && <Space wrap>{actions}</Space>}
        </Space>
      }
    />
  );
}
