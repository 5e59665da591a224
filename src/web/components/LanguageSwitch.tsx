import { Button, Segmented } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n';

const OPTIONS: { value: Language; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** 中文 / English. `compact` is a single button that switches to the other language (phone headers). */
export function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { i18n, t } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  if (compact) {
    const other = current === 'en' ? OPTIONS[0]! : OPTIONS[1]!;
    return (
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('common.switchLanguage')} onClick={() => changeLanguage(other.value)}>
        {other.value === 'en' ? 'EN' : '中'}
      </Button>
    );
  }
  return (
    <Segmented<Language>
      size="small"
      value={current}
      options={OPTIONS}
      onChange={(value) => changeLanguage(value)}
      aria-label={t('common.switchLanguage')}
    />
  );
}
