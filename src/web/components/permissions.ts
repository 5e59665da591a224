import type { TFunction } from 'i18next';
import i18n from '../i18n';

/**
 * The name of a permission in the UI language. The server may know permissions newer than this
 * build's dictionary: those show as their raw name rather than break the page.
 */
export function permissionName(t: TFunction, permission: string): string {
  const key = `permissionNames.${permission}`;
  return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : permission;
}
