import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** A failed load, in place of the content, with the server's message and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('errors.loadFailed');
  return (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={message}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
