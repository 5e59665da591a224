import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { UNIT_TYPE_LABELS, type UnitType } from '../../shared/org';
import { labelLang } from '../i18n';

const COLORS: Record<UnitType, string> = {
  city: 'blue',
  county: 'geekblue',
  zone: 'cyan',
  town: 'green',
  department: 'purple',
  office: 'magenta',
  bureau: 'volcano',
};

export function unitTypeLabel(type: UnitType, language: string): string {
  return UNIT_TYPE_LABELS[type][labelLang(language)];
}

export function UnitTypeTag({ type, small }: { type: UnitType; small?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={COLORS[type]} variant="outlined" className={small ? 'zs-tag-small' : undefined}>
      {unitTypeLabel(type, i18n.language)}
    </Tag>
  );
}
