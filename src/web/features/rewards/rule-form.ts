import { FUND_SOURCES, type FundSource } from '../../../shared/funds';
import { PROJECT_FIGURES, REWARD_EVENTS, rewardRules, type ProjectFigure, type RewardEvent, type RewardItemType } from '../../../shared/rewards/rules';
import { issueMessage, type RuleIssueText } from './rule-issues';

// Pure helpers of the rule-set form (no React). The form holds the rule set in its own shape, every
// amount and rate as the exact string typed (never a float), so a zod issue path (`items.0.tiers.1.atLeast`)
// or a server field (`rules.items.0.tiers.1.atLeast`, via ruleIssuesOf) is the form field's key.

export interface RateTierForm {
  atLeast: string;
  perMille: string;
}
export interface AmountTierForm {
  atLeast: string;
  amount: string;
}
interface ItemBaseForm {
  id: string;
  label: string;
}
export type RuleItemForm =
  | (ItemBaseForm & { type: 'investment_per_mille'; figure: ProjectFigure; event: RewardEvent; tiers: RateTierForm[] })
  | (ItemBaseForm & { type: 'funds_per_mille'; sources: FundSource[]; tiers: RateTierForm[] })
  | (ItemBaseForm & { type: 'fixed_per_project'; figure: ProjectFigure; event: RewardEvent; tiers: AmountTierForm[] });

export const CAP_KEYS = ['perProject', 'perPerson', 'perUnit'] as const;
export type CapKey = (typeof CAP_KEYS)[number];

export interface RulesForm {
  name: string;
  description: string;
  items: RuleItemForm[];
  /** '' = 不封顶. */
  caps: Record<CapKey, string>;
}

export type FieldPath = (string | number)[];
export const pathKey = (path: FieldPath): string => path.join('.');

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const oneOf = <T extends string>(v: unknown, options: readonly T[], fallback: T): T => (options.includes(v as T) ? (v as T) : fallback);
const listOf = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as unknown[]).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);

/** A new item of a type, with one empty tier; `keep` carries the id, label and tier starts over a change of type. */
export function newRuleItem(type: RewardItemType, id: string, keep: { label?: string; atLeasts?: string[] } = {}): RuleItemForm {
  const label = keep.label ?? '';
  const starts = keep.atLeasts?.length ? keep.atLeasts : ['0'];
  switch (type) {
    case 'investment_per_mille':
      return { id, label, type, figure: 'fixed_asset_investment', event: 'started', tiers: starts.map((atLeast) => ({ atLeast, perMille: '' })) };
    case 'funds_per_mille':
      return { id, label, type, sources: ['foreign'], tiers: starts.map((atLeast) => ({ atLeast, perMille: '' })) };
    case 'fixed_per_project':
      return { id, label, type, figure: 'contracted_investment', event: 'signed', tiers: starts.map((atLeast) => ({ atLeast, amount: '' })) };
  }
}

/** The item as another type: id, label and the tier starts stay, rates and amounts are to be filled in again. */
export function changeRuleItemType(item: RuleItemForm, type: RewardItemType): RuleItemForm {
  if (item.type === type) return item;
  return newRuleItem(type, item.id, { label: item.label, atLeasts: item.tiers.map((t) => t.atLeast) });
}

/** The next free `item_N` id: ids only need to be unique, officials need not invent them. */
export function nextRuleItemId(items: readonly { id: string }[]): string {
  const taken = new Set(items.map((i) => i.id));
  for (let n = 1; ; n++) if (!taken.has(`item_${n}`)) return `item_${n}`;
}

/** Form values from a stored (or pasted) rule set; what the form cannot show is dropped (zod would refuse it anyway). */
export function rulesToForm(rules: unknown): RulesForm {
  const r = (typeof rules === 'object' && rules !== null ? rules : {}) as Record<string, unknown>;
  const caps = (typeof r.caps === 'object' && r.caps !== null ? r.caps : {}) as Record<string, unknown>;
  const items = listOf(r.items).map((raw): RuleItemForm => {
    const type = oneOf(raw.type, ['investment_per_mille', 'funds_per_mille', 'fixed_per_project'] as const, 'investment_per_mille');
    const base = { id: text(raw.id), label: text(raw.label) };
    const tiers = listOf(raw.tiers);
    const figure = oneOf(raw.figure, PROJECT_FIGURES, 'fixed_asset_investment');
    const event = oneOf(raw.event, REWARD_EVENTS, 'started');
    if (type === 'fixed_per_project') return { ...base, type, figure, event, tiers: tiers.map((t) => ({ atLeast: text(t.atLeast), amount: text(t.amount) })) };
    const rateTiers = tiers.map((t) => ({ atLeast: text(t.atLeast), perMille: text(t.perMille) }));
    if (type === 'funds_per_mille') {
      const sources = (Array.isArray(raw.sources) ? (raw.sources as unknown[]) : []).filter((s): s is FundSource => FUND_SOURCES.includes(s as FundSource));
      return { ...base, type, sources, tiers: rateTiers };
    }
    return { ...base, type, figure, event, tiers: rateTiers };
  });
  return {
    name: text(r.name),
    description: text(r.description),
    items,
    caps: { perProject: text(caps.perProject), perPerson: text(caps.perPerson), perUnit: text(caps.perUnit) },
  };
}

/** The rule set as the API takes it (not yet validated: zod does that, with the same paths). Empty caps are 不封顶. */
export function formToRules(form: RulesForm): Record<string, unknown> {
  const caps: Record<string, string> = {};
  for (const key of CAP_KEYS) if (form.caps[key].trim() !== '') caps[key] = form.caps[key].trim();
  const items = form.items.map((item) => {
    const base = { id: item.id.trim(), label: item.label.trim(), type: item.type };
    switch (item.type) {
      case 'investment_per_mille':
        return { ...base, figure: item.figure, event: item.event, tiers: item.tiers.map((t) => ({ atLeast: t.atLeast.trim(), perMille: t.perMille.trim() })) };
      case 'funds_per_mille':
        return { ...base, sources: [...item.sources], tiers: item.tiers.map((t) => ({ atLeast: t.atLeast.trim(), perMille: t.perMille.trim() })) };
      case 'fixed_per_project':
        return { ...base, figure: item.figure, event: item.event, tiers: item.tiers.map((t) => ({ atLeast: t.atLeast.trim(), amount: t.amount.trim() })) };
    }
  });
  const description = form.description.trim();
  return { name: form.name.trim(), ...(description ? { description } : {}), items, caps };
}

/** One problem of the form, by field. `kind` lets the page word it: empty, a list too short, or the engine's own message. */
export interface FormIssue {
  field: string;
  path: FieldPath;
  kind: 'required' | 'too_few' | 'money' | 'rate' | 'id' | 'other';
  message: string;
}

/** The shared zod schema over the form: [] when the server would accept the rule set. */
export function ruleFormIssues(form: RulesForm, lang: 'zh' | 'en' = 'zh'): FormIssue[] {
  const rules = formToRules(form);
  const result = rewardRules.safeParse(rules);
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const last = path[path.length - 1];
    // What was sent at the path (zod does not report its input by default).
    const input = path.reduce<unknown>((v, p) => (typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[p] : undefined), rules);
    const isEmpty = input === undefined || input === null || input === '';
    let kind: FormIssue['kind'] = 'other';
    if (i.code === 'too_small' && Array.isArray(input)) kind = 'too_few';
    else if (isEmpty || (i.code === 'too_small' && (last === 'name' || last === 'label'))) kind = 'required';
    else if (last === 'perMille' && i.code !== 'custom') kind = 'rate';
    else if (last === 'id' && i.code !== 'custom') kind = 'id';
    else if ((last === 'atLeast' || last === 'amount' || path[0] === 'caps') && i.code !== 'custom') kind = 'money';
    return { field: pathKey(path), path, kind, message: issueMessage(i.message, lang) };
  });
}

/** Field key → the messages to show next to it; the server's issues (ruleIssuesOf) use the same keys. */
export function issuesByField(issues: readonly { field: string; message: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) map.set(i.field, [...(map.get(i.field) ?? []), i.message]);
  return map;
}

/** The field keys the form shows an input (or a list) for; an issue elsewhere is listed above the form. */
export function formFieldKeys(form: RulesForm): Set<string> {
  const keys = new Set(['name', 'description', 'items', ...CAP_KEYS.map((k) => `caps.${k}`)]);
  form.items.forEach((item, i) => {
    const own = item.type === 'funds_per_mille' ? ['sources'] : ['figure', 'event'];
    for (const f of ['id', 'label', 'type', 'tiers', ...own]) keys.add(`items.${i}.${f}`);
    item.tiers.forEach((_, k) => {
      keys.add(`items.${i}.tiers.${k}.atLeast`);
      keys.add(`items.${i}.tiers.${k}.${item.type === 'fixed_per_project' ? 'amount' : 'perMille'}`);
    });
  });
  return keys;
}

/** Server issues outside any field the form shows (e.g. `caps` as a whole) still need a place: the list above. */
export function unplacedIssues<T extends Pick<RuleIssueText, 'field'>>(issues: readonly T[], form: RulesForm): T[] {
  const keys = formFieldKeys(form);
  return issues.filter((i) => !keys.has(i.field));
}

/** Move an item (or any row) from one index to another. */
export function moveIn<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
