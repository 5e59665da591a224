import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { childPrefixOf, toUnitDivisionCode } from './division-code';
import { useDivision, useDivisions } from './org.queries';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface DivisionOption {
  value: string;
  /** Shown in the box once chosen: the full name, so 城关镇 is never ambiguous. */
  label: string;
  name: string;
  hint: string;
}

interface DivisionSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The parent unit's division: with an empty search box the list shows the divisions under it. */
  parentDivisionCode?: string | null;
}

/**
 * 行政区划 picker. Opens on the divisions under the parent unit's division (the usual choice),
 * and searches all divisions by name as you type (西华 → 河南省周口市西华县).
 */
export function DivisionSelect({ id, value, onChange, parentDivisionCode }: DivisionSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  const parent = childPrefixOf(parentDivisionCode);
  const list = useDivisions(query ? { q: query, limit: 50 } : parent ? { parent, limit: 200 } : { limit: 100 });
  const current = useDivision(value);

  const options = useMemo(() => {
    const items: DivisionOption[] = (list.data ?? []).map((d) => {
      const code = toUnitDivisionCode(d.code);
      const fullName = d.fullName || d.name;
      const parentPath = fullName.endsWith(d.name) ? fullName.slice(0, -d.name.length) : '';
      return { value: code, label: `${fullName} · ${code}`, name: d.name, hint: parentPath ? `${parentPath} · ${code}` : code };
    });
    if (value && !items.some((o) => o.value === value)) {
      const name = current.data ? current.data.fullName || current.data.name : t('org.divisionUnknownName');
      items.unshift({ value, label: `${name} · ${value}`, name, hint: value });
    }
    return items;
  }, [list.data, value, current.data, t]);

  return (
    <Select<string, DivisionOption>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      optionRender={(option) => (
        <span>
          {option.data.name}
          <span style={{ marginLeft: 8, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{option.data.hint}</span>
        </span>
      )}
      allowClear
      loading={list.isFetching}
      placeholder={t('org.divisionPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => !open && setSearch('')}
      notFoundContent={list.isError ? list.error.message : t('org.divisionNone')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 32px)' } } }}
    />
  );
}
