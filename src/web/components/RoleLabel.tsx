import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles';
import { labelLang } from '../i18n';

export function roleLabel(role: Role, language: string): string {
  return ROLE_LABELS[role][labelLang(language)];
}

/** Options for a role <Select>, in the order of ROLES. */
export function useRoleOptions(): { value: Role; label: string }[] {
  const { i18n } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: roleLabel(role, i18n.language) }));
}
