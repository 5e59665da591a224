import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useOrgTree } from '../org/org.queries';
import { useSettings } from '../projects/projects.queries';
import { localToday, parsePeriod, presetOf, presetPeriod, type Period, type PeriodPreset } from './period';
import type { StatsFilters } from './stats.queries';

const INDUSTRY = /^([A-T]|\d{2,4})$/;

/**
 * The dashboard's filters, kept in the address bar (?from=&to=&unit=&industry=) so a link, a
 * refresh and the 大屏 button show the same figures. Without a period it is the year to date,
 * from the first month of the statistical year (口径 setting), which is why it waits for settings;
 * without a unit it is the root of the user's visible tree (for 招商局 staff, the whole city rather
 * than the bureau's own unit), which is also what the unit picker shows.
 */
export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const settings = useSettings();
  const fiscalStart = settings.data?.fiscalYearStartMonth ?? 1;
  const tree = useOrgTree();
  const rootUnit = useMemo(() => {
    const units = tree.data ?? [];
    const ids = new Set(units.map((u) => u.id));
    return units.find((u) => u.parentId === null || !ids.has(u.parentId))?.id;
  }, [tree.data]);
  const ready = !settings.isPending && !tree.isPending;
  const [isCustom, setCustom] = useState(false);
  const today = localToday();

  const period: Period = parsePeriod(params.get('from'), params.get('to')) ?? presetPeriod('year', today, fiscalStart);
  const unitParam = Number(params.get('unit'));
  const unit = Number.isInteger(unitParam) && unitParam > 0 ? unitParam : rootUnit;
  const industryParam = params.get('industry') ?? '';
  const industry = INDUSTRY.test(industryParam) ? industryParam : undefined;

  const filters: StatsFilters = useMemo(() => ({ from: period.from, to: period.to, unit, industry }), [period.from, period.to, unit, industry]);
  const preset: PeriodPreset = isCustom ? 'custom' : presetOf(period, today, fiscalStart);

  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setPreset = useCallback(
    (p: PeriodPreset) => {
      if (p === 'custom') {
        setCustom(true);
        update({ from: period.from, to: period.to });
        return;
      }
      setCustom(false);
      // The default (year to date) keeps the address clean.
      const next = presetPeriod(p, localToday(), fiscalStart);
      update(p === 'year' ? { from: undefined, to: undefined } : { from: next.from, to: next.to });
    },
    [update, period.from, period.to, fiscalStart],
  );

  return {
    filters,
    preset,
    ready,
    setPreset,
    setRange: (range: Period) => update({ from: range.from, to: range.to }),
    setUnit: (id: number | undefined) => update({ unit: id === undefined ? undefined : String(id) }),
    setIndustry: (code: string | undefined) => update({ industry: code }),
  };
}
