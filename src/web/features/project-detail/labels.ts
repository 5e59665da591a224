import { useTranslation } from 'react-i18next';
import { REFERRER_KIND_LABELS, type ReferrerKind } from '../../../shared/api/referrals';
import {
  CHANNEL_LABELS,
  FOLLOW_UP_LABELS,
  ISSUE_TYPE_LABELS,
  STAGE_LABELS,
  type Channel,
  type FollowUpKind,
  type IssueType,
  type SideState,
  type Stage,
} from '../../../shared/project';
import i18n, { labelLang } from '../../i18n';

/** The shared vocabularies (src/shared/project.ts) in the UI language. */
export function useLedgerLabels() {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return {
    lang,
    stage: (s: Stage | SideState | 'resumed') => STAGE_LABELS[s][lang],
    channel: (c: Channel | null) => (c ? CHANNEL_LABELS[c][lang] : null),
    followUpKind: (k: FollowUpKind) => FOLLOW_UP_LABELS[k][lang],
    issueType: (k: IssueType) => ISSUE_TYPE_LABELS[k][lang],
    referrerKind: (k: ReferrerKind) => REFERRER_KIND_LABELS[k][lang],
  };
}

/** Today in China time (the server's calendar for deadlines and "not in the future"), YYYY-MM-DD. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Whole days from `from` to `to` (YYYY-MM-DD), positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export { colon } from '../../i18n/punctuation';

/** （text） in Chinese, " (text)" in English. */
export function paren(text: string): string {
  return labelLang(i18n.language) === 'zh' ? `（${text}）` : ` (${text})`;
}
