import type { zh } from './zh';

/** The shape of a dictionary: the same keys as the Chinese one, any strings. */
export type Dictionary<T = typeof zh> = { [K in keyof T]: T[K] extends string ? string : Dictionary<T[K]> };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zh };
    returnNull: false;
  }
}
