import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Tranche } from '../../../shared/api/funds';
import { FUND_SOURCE_LABELS, type FundSource } from '../../../shared/funds';
import { Money } from '../../components/Money';
import { labelLang } from '../../i18n';

const SOURCE_COLORS: Record<FundSource, string> = {
  out_of_province: 'blue',
  in_province_out_of_city: 'cyan',
  foreign: 'purple',
  local: 'default',
};

export function useSourceLabel() {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return (s: FundSource) => FUND_SOURCE_LABELS[s][lang];
}

export function SourceTag({ source }: { source: FundSource }) {
  const label = useSourceLabel();
  return (
    <Tag color={SOURCE_COLORS[source]} className="zs-tag-small" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
      {label(source)}
    </Tag>
  );
}

/** A signed 万元 amount: corrections may be negative (formatWan takes magnitudes). */
export function SignedMoney({ value, usd, strong }: { value: string; usd?: boolean; strong?: boolean }) {
  const negative = value.startsWith('-');
  const magnitude = negative ? value.slice(1) : value;
  return (
    <Typography.Text type={negative ? 'danger' : undefined}>
      {negative ? '−' : ''}
      <Money value={magnitude} usd={usd} strong={strong} />
    </Typography.Text>
  );
}

/** 1,200.5万元, or 100万美元 × 7.1234（2025-05-30）= 712.34万元. */
export function TrancheAmount({ f }: { f: Tranche }) {
  const { t } = useTranslation();
  if (f.currency === 'CNY') return <SignedMoney value={f.amount} strong />;
  return (
    <Space orientation="vertical" size={0}>
      <SignedMoney value={f.amount} usd strong />
      <Tooltip title={t('funds.rateTooltip', { date: f.rateDate ?? '—' })}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          × {f.exchangeRate} = <SignedMoney value={f.amountCny} />
        </Typography.Text>
      </Tooltip>
    </Space>
  );
}

/** 更正 #12 · 签约前 flags beside a tranche. */
export function TrancheFlags({ f }: { f: Tranche }) {
  const { t } = useTranslation();
  return (
    <>
      {f.correctsId && (
        <Tag color="orange" className="zs-tag-small">
          {t('funds.correctionOf', { id: f.correctsId })}
        </Tag>
      )}
      {f.isPreSigning && (
        <Tooltip title={f.preSigningReason}>
          <Tag color="gold" variant="outlined" className="zs-tag-small">
            {t('funds.preSigning')}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
