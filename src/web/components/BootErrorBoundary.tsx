import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * The outermost safety net, in plain markup so it costs the first screen nothing. Pages have the
 * antd-styled ErrorBoundary inside the layout; this one only catches what escapes it (the sign-in
 * page, the shell itself, a chunk that failed to load after a deployment).
 */
export class BootErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const isEnglish = document.documentElement.lang === 'en';
    return (
      <div className="zs-boot" role="alert">
        <span>{isEnglish ? 'The page failed to load. Reload to try again.' : '页面加载失败，请刷新后重试。'}</span>
        <button type="button" className="zs-boot-retry" onClick={() => window.location.reload()}>
          {isEnglish ? 'Reload' : '刷新页面'}
        </button>
      </div>
    );
  }
}
