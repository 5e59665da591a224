import { ApiError } from '../../api/client';
import i18n, { labelLang } from '../../i18n';

/**
 * Some validators answer in both languages at once ("统一社会信用代码校验位错误… / check character is
 * wrong…"). Keep the half in the user's language so the field shows one clean sentence.
 */
export function localiseBilingualDetails(error: unknown): unknown {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return error;
  const isEnglish = labelLang(i18n.language) === 'en';
  const details = (error.details as unknown[]).map((d) => {
    if (typeof d !== 'object' || d === null) return d;
    const message = (d as { message?: unknown }).message;
    if (typeof message !== 'string' || !message.includes(' / ')) return d;
    const [zh = message, en = message] = message.split(' / ');
    return { ...d, message: isEnglish ? en : zh };
  });
  // One field at fault: its sentence becomes the message, so the field shows it alone (not "请求参数有误（…）").
  const only = details.length === 1 ? (details[0] as { message?: unknown }).message : undefined;
  return new ApiError(error.status, error.code, typeof only === 'string' ? only : error.message, details);
}
