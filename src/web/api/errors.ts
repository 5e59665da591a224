import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ERROR_MESSAGES, type ErrorCode } from '../../shared/errors';
import i18n, { labelLang } from '../i18n';
import { ApiError, formFieldOf } from './client';

/** A detail message may be an error code (`USERNAME_TAKEN`) or free text from the validator. */
function detailText(error: ApiError, message: string): string {
  const known = ERROR_MESSAGES[message as ErrorCode] as { zh: string; en: string } | undefined;
  if (known) return known[labelLang(i18n.language)];
  // Schema messages are English-only ("at least 8 characters"); in Chinese, lead with the localised top message.
  if (labelLang(i18n.language) === 'en' || message === error.message) return message;
  return `${error.message}（${message}）`;
}

/**
 * Puts the server's field errors on the form's fields. Returns true when every error found a field,
 * so the caller need not also show a toast.
 */
export function applyFieldErrors(error: unknown, form: FormInstance, codeFields: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  let fieldErrors = error.fieldErrors;
  // Business errors without details still belong to one field (UNIT_NAME_TAKEN → name).
  const codeField = codeFields[error.code];
  if (fieldErrors.length === 0 && codeField) fieldErrors = [{ field: codeField, message: error.message }];
  if (fieldErrors.length === 0) return false;
  const present = form.getFieldsValue() as Record<string, unknown>;
  const formField = (field: string) => formFieldOf(field, present, codeFields);
  const byField = new Map<string, string[]>();
  for (const f of fieldErrors) {
    const name = formField(f.field);
    if (name === undefined) continue;
    const text = detailText(error, f.message);
    const list = byField.get(name) ?? [];
    if (!list.includes(text)) list.push(text);
    byField.set(name, list);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return fieldErrors.every((f) => formField(f.field) !== undefined);
}

/**
 * `(error, form?, codeFields?) => void`: field errors onto the form when possible, otherwise a
 * message toast with the server's (localised) message.
 */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance, codeFields?: Record<string, string>) => {
      if (form && applyFieldErrors(error, form, codeFields)) return;
      const text = error instanceof Error ? error.message : String(error);
      void message.error(text);
    },
    [message],
  );
}
