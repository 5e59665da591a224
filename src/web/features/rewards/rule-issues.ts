import type { TFunction } from 'i18next';
import { detailPaths } from '../../api/client';

/** A refused rule field as the server names it (`rules.items.0.tiers.1.atLeast`), for the JSON editor. */
export interface RuleIssueText {
  /** The path inside the rule set, e.g. `items.0.tiers.1.atLeast`. */
  field: string;
  path: (string | number)[];
  message: string;
}

/** The Chinese half of a bilingual engine message ("… (档次须由低到高)") in Chinese, the rest in English. */
export function issueMessage(message: string, lang: 'zh' | 'en'): string {
  const m = /^(.*?)\s*[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$/.exec(message);
  if (!m) return message;
  return lang === 'zh' ? m[2]! : m[1]!;
}

/** The field errors of a refused rule set (`details` of a VALIDATION answer), paths from inside the rules. */
export function ruleIssuesOf(details: unknown, lang: 'zh' | 'en' = 'zh'): RuleIssueText[] {
  return detailPaths(details, 'rules').map((d) => ({ field: d.parts.join('.') || d.field, path: d.path, message: issueMessage(d.message, lang) }));
}

/** Where a path is, for a reader: 「第 1 项 固定资产投资奖励 · 第 2 档」; '' for a top-level field. */
export function rulePlace(t: TFunction, path: (string | number)[], rules: unknown): string {
  const steps: string[] = [];
  const items = (rules as { items?: unknown } | null)?.items;
  for (let k = 0; k < path.length; k++) {
    const seg = path[k];
    const next = path[k + 1];
    if (seg === 'items' && typeof next === 'number') {
      const label = Array.isArray(items) ? (items[next] as { label?: unknown } | undefined)?.label : undefined;
      steps.push(t('rewards.newVersion.placeItem', { n: next + 1, label: typeof label === 'string' ? label : '' }).trim());
      k++;
    } else if (seg === 'tiers' && typeof next === 'number') {
      steps.push(t('rewards.newVersion.placeTier', { n: next + 1 }));
      k++;
    } else if (seg === 'caps') {
      steps.push(t('rewards.newVersion.placeCaps'));
    }
  }
  return steps.join(' · ');
}
