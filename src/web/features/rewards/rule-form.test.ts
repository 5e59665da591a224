import { describe, expect, it } from 'vitest';
import { EXAMPLE_REWARD_RULES } from '../../../shared/rewards/examples';
import { rewardRules } from '../../../shared/rewards/rules';
import { changeRuleItemType, formToRules, issuesByField, moveIn, newRuleItem, nextRuleItemId, ruleFormIssues, rulesToForm, unplacedIssues } from './rule-form';
import { ruleIssuesOf } from './rule-issues';

const example = rewardRules.parse(EXAMPLE_REWARD_RULES);

describe('rulesToForm / formToRules', () => {
  it('round-trips the example rule set exactly, money and rates as the strings they were', () => {
    const form = rulesToForm(example);
    expect(form.caps).toEqual({ perProject: '', perPerson: '50', perUnit: '200' });
    expect(form.items[0]!.tiers[0]).toEqual({ atLeast: '0', perMille: '1.5' });
    expect(formToRules(form)).toEqual(example);
    expect(ruleFormIssues(form)).toEqual([]);
  });

  it('drops empty caps (不封顶) and an empty description, and trims what was typed', () => {
    const form = rulesToForm(example);
    form.caps = { perProject: ' 30.5 ', perPerson: '', perUnit: '' };
    form.description = '  ';
    const rules = formToRules(form);
    expect(rules.caps).toEqual({ perProject: '30.5' });
    expect('description' in rules).toBe(false);
  });
});

describe('ruleFormIssues', () => {
  it('names the field of a descending tier as the server does, so both land on the same input', () => {
    const form = rulesToForm(example);
    form.items[0]!.tiers[1]!.atLeast = '0';
    const client = ruleFormIssues(form, 'zh');
    expect(client).toEqual([{ field: 'items.0.tiers.1.atLeast', path: ['items', 0, 'tiers', 1, 'atLeast'], kind: 'other', message: '档次须由低到高' }]);
    const server = ruleIssuesOf([{ field: 'rules.items.0.tiers.1.atLeast', message: 'tiers must be in ascending order of amount (档次须由低到高)' }], 'zh');
    expect([...issuesByField(server).keys()]).toEqual([...issuesByField(client).keys()]);
    expect(unplacedIssues(server, form)).toEqual([]);
    expect(unplacedIssues([{ field: 'caps', message: 'x' }, ...server], form)).toEqual([{ field: 'caps', message: 'x' }]);
  });

  it('tells an empty field from a malformed one', () => {
    const form = rulesToForm(example);
    form.items.push(newRuleItem('fixed_per_project', nextRuleItemId(form.items)));
    form.caps.perUnit = '-5';
    const byField = Object.fromEntries(ruleFormIssues(form).map((i) => [i.field, i.kind]));
    expect(byField).toEqual({ 'items.3.label': 'required', 'items.3.tiers.0.amount': 'required', 'caps.perUnit': 'money' });
    form.items[0]!.tiers = [];
    expect(ruleFormIssues(form).find((i) => i.field === 'items.0.tiers')?.kind).toBe('too_few');
  });
});

describe('item helpers', () => {
  it('a change of type keeps the id, label and tier starts', () => {
    const form = rulesToForm(example);
    const changed = changeRuleItemType(form.items[0]!, 'fixed_per_project');
    expect(changed).toEqual({ id: 'fixed_assets', label: '固定资产投资奖励（开工）', type: 'fixed_per_project', figure: 'contracted_investment', event: 'signed', tiers: [{ atLeast: '0', amount: '' }, { atLeast: '10000', amount: '' }, { atLeast: '100000', amount: '' }] });
    expect(nextRuleItemId([{ id: 'item_1' }, { id: 'x' }])).toBe('item_2');
    expect(moveIn(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });
});
