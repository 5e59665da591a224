import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsSummary } from '../../../shared/api/stats';
import { FUND_SOURCE_LABELS, type FundSource } from '../../../shared/funds';
import { tierLabel } from '../../../shared/settings';
import { labelLang } from '../../i18n';
import { tierThreshold } from './figures';

type Definitions = StatsSummary['definitions'];
type Lang = 'zh' | 'en';

/** A size tier in words: 10000 → 1亿元 / CNY 100M. */
export function tierText(wan: number, lang: Lang): string {
  if (lang === 'zh') return tierLabel(wan);
  return `CNY ${(wan / 100).toLocaleString('en')}M`;
}

function sourcesText(sources: readonly string[], lang: Lang): string {
  return sources.map((s) => FUND_SOURCE_LABELS[s as FundSource]?.[lang] ?? s).join(lang === 'zh' ? '、' : ', ');
}

/** Names and 口径 of the figures, in the user's language, from the i18n dictionary and the settings. */
export function useFigureText() {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);

  const label = useCallback(
    (figure: string): string => {
      const tier = tierThreshold(figure);
      // 1亿 reads 亿元以上项目, as every bulletin says it; other tiers 3亿元以上项目…
      if (tier !== null) return t('dashboard.figures.tier', { tier: tier === 10000 && lang === 'zh' ? '亿元' : tierText(tier, lang) });
      return t(`dashboard.figures.${figure}` as 'dashboard.figures.signed_count', { defaultValue: figure });
    },
    [t, lang],
  );

  const definition = useCallback(
    (figure: string, defs: Definitions | undefined): string => {
      const tier = tierThreshold(figure);
      if (tier !== null) {
        const tiers = (defs?.sizeTiers ?? []).map((w) => tierText(w, lang)).join(lang === 'zh' ? '、' : ', ');
        return t('dashboard.definitions.tier', { tier: tierText(tier, lang), tiers });
      }
      return t(`dashboard.definitions.${figure}` as 'dashboard.definitions.signed_count', {
        defaultValue: '',
        days: defs?.stalledDays ?? '—',
        months: defs?.signedNotStartedMonths ?? '—',
        sources: sourcesText(figure === 'funds_out_of_city' ? (defs?.outOfCitySources ?? []) : (defs?.outOfProvinceSources ?? []), lang),
      });
    },
    [t, lang],
  );

  return { label, definition, lang };
}
