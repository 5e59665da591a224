import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Shows a server-generated one-time password exactly once. Closing needs a deliberate click:
 * the password cannot be fetched again (only reset again).
 */
export function TemporaryPasswordModal({
  password,
  userLabel,
  onClose,
}: {
  password: string;
  userLabel: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('users.tempPasswordTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('users.tempPasswordDone')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('users.tempPasswordFor', { user: userLabel })}</Typography.Paragraph>
      <div
        style={{
          display: 'flex',
          justifyContent: 'center',
          padding: '16px 12px',
          margin: '0 0 16px',
          background: '#f5f7fa',
          border: '1px dashed #c9d3df',
          borderRadius: 4,
        }}
      >
        <Typography.Text
          data-testid="temporary-password"
          copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 20, letterSpacing: 1 }}
        >
          {password}
        </Typography.Text>
      </div>
      <Alert type="warning" showIcon title={t('users.tempPasswordOnce')} />
    </Modal>
  );
}
