import type { Lang } from '../shared/errors.js';
import type { Role } from '../shared/roles.js';

/** Who is acting: the signed-in user, with their unit's path for data scope. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitPath: string;
  ip: string | null;
  lang: Lang;
}

/** For changes made by the system itself (first-run setup, seed), still recorded in the audit log. */
export function systemActor(label = 'system'): Actor {
  return {
    id: 0,
    username: label,
    displayName: label,
    role: 'admin',
    unitId: 0,
    unitPath: '/',
    ip: null,
    lang: 'zh',
  };
}
