import { ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { BootErrorBoundary } from './components/BootErrorBoundary';
import { AppRoutes } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a dropped connection or a 5xx might.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

// Calm and dense, like the desktop software our users know: a deep government blue, small radii,
// and system fonts that carry Chinese well (no web fonts: the deployment has no internet).
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#0f2747', triggerBg: '#0b1f3a' },
    Menu: { darkItemBg: '#0f2747', darkSubMenuItemBg: '#0b1f3a', darkItemSelectedBg: '#1f5fa8' },
    Table: { headerBg: '#f3f5f8' },
  },
};

export function App() {
  const { i18n } = useTranslation();
  const isEnglish = i18n.language === 'en';
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={isEnglish ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <BootErrorBoundary>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </BootErrorBoundary>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
