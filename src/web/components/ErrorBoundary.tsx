import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button } from 'antd';
import i18n from '../i18n';

interface State {
  error: Error | null;
}

/**
 * Catches render errors and failed lazy chunks (typical right after a new version is deployed:
 * the old chunk names are gone), and offers a reload instead of a white page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // An Alert rather than a Result page: the first screen already loads it.
    return (
      <Alert
        type="warning"
        showIcon
        title={i18n.t('errors.pageCrashed')}
        description={i18n.t('errors.pageCrashedHint')}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('common.reload')}
          </Button>
        }
      />
    );
  }
}
