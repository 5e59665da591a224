import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatWan } from '../../shared/money';
import { labelLang } from '../i18n';
import { cleanMoneyText, DECIMAL, formatUsdWan } from './money-text';

export { cleanMoneyText, formatUsdWan, isValidWan } from './money-text';

// Money is a decimal string in 万元 (or 万美元) end to end: never parsed into a float here.

/**
 * An amount for display: ≥1亿 as 亿元 with two decimals, else 万元 (formatWan); `usd` for foreign
 * capital in 万美元. Empty shows a dash.
 */
export function Money({ value, usd, strong, secondary }: { value: string | null | undefined; usd?: boolean; strong?: boolean; secondary?: boolean }) {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const text = usd ? formatUsdWan(value, lang) : formatWan(value, lang);
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text strong={strong} type={secondary ? 'secondary' : undefined} style={{ whiteSpace: lang === 'zh' ? 'nowrap' : undefined, fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </Typography.Text>
  );
}

export interface MoneyInputProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** 万美元 instead of 万元. */
  usd?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** Hide the "= 1.23亿元" line under the box (filters, where space is short). */
  noHint?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/**
 * A 万元 amount as a decimal string (never a float). As the user types, a line under the box reads
 * the amount back in 亿元 once it reaches 1亿, so 10000 vs 100000 is hard to mistype.
 */
export function MoneyInput({ id, value, onChange, usd, placeholder, disabled, noHint, style, 'aria-label': ariaLabel }: MoneyInputProps) {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const text = value ?? '';
  const isComplete = DECIMAL.test(text);
  const showHint = !noHint && !usd && isComplete && BigInt(text.split('.')[0] ?? '0') >= 10000n;
  return (
    <div style={style}>
      <Input
        id={id}
        aria-label={ariaLabel}
        value={text}
        inputMode="decimal"
        autoComplete="off"
        disabled={disabled}
        placeholder={placeholder}
        suffix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{usd ? t('ledgerUi.usdWan') : t('ledgerUi.wan')}</span>}
        onChange={(e) => {
          const cleaned = cleanMoneyText(e.target.value);
          onChange?.(cleaned === '' ? undefined : cleaned);
        }}
        onBlur={() => {
          // "12." → "12"; keep the string otherwise exactly as typed.
          if (text.endsWith('.')) onChange?.(text.slice(0, -1) || undefined);
        }}
      />
      {showHint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
          {t('ledgerUi.equals', { amount: formatWan(text, lang) })}
        </Typography.Text>
      )}
    </div>
  );
}
