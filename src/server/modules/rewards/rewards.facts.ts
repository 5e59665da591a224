import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import { subtreePattern } from '../../plugins/scope.js';
import type { CreditShare, RewardPeriod, RewardProjectFacts, RewardReferrer } from '../../../shared/rewards/compute.js';
import type { FundSource } from '../../../shared/funds.js';
import { queryRows, type Executor } from '../../db/client.js';
import { intArray } from '../stats/stats.context.js';

/*
 * What a reward run reads, from verified records only, for the projects of a unit's subtree:
 * - the verified stage dates (projects.signed_date / started_date / producing_date are written only
 *   when a stage change is verified) and the project's fixed-asset and contracted investment;
 * - the verified funds tranches dated in the period (corrections included: they are tranches too);
 * - the credit: projects.referral_id names the first-referrer registration. When the bureau resolved
 *   a conflict over it with a credit split, the split's units share the credit, each through its own
 *   registration's referrer; otherwise the registration's unit holds 100%. A project with no
 *   registration (or a withdrawn one) is credited to its own unit, with no referrer.
 * An open conflict does not hold a run back: the registration linked to the project is credited until
 * the bureau decides (the README says to resolve conflicts before publishing).
 */

const plain = (v: string | null) => (v === null ? null : new Decimal(v).toString());

type ReferralRow = {
  id: number;
  unit_id: number;
  unit_name: string;
  referrer_name: string;
  referrer_user_id: number | null;
  status: string;
};

function referrerOf(r: ReferralRow): RewardReferrer {
  const userId = r.referrer_user_id === null ? null : Number(r.referrer_user_id);
  return { key: userId !== null ? `user:${userId}` : `name:${r.referrer_name.trim()}`, name: r.referrer_name, userId, referralId: Number(r.id) };
}

export async function collectRewardFacts(db: Executor, root: { path: string }, period: RewardPeriod): Promise<RewardProjectFacts[]> {
  const { from, to } = period;
  const projects = await queryRows<{
    id: number;
    name: string;
    unit_id: number;
    unit_name: string;
    fixed: string | null;
    contracted: string | null;
    signed_date: string | null;
    started_date: string | null;
    producing_date: string | null;
    referral_id: number | null;
  }>(
    db,
    sql`select p.id, p.name, p.unit_id, u.name as unit_name, p.fixed_asset_investment::text as fixed, p.contracted_investment::text as contracted,
               p.signed_date::text as signed_date, p.started_date::text as started_date, p.producing_date::text as producing_date, p.referral_id
        from projects p join org_units u on u.id = p.unit_id
        where u.path like ${subtreePattern(root.path)}
          and (p.signed_date between ${from}::date and ${to}::date
               or p.started_date between ${from}::date and ${to}::date
               or p.producing_date between ${from}::date and ${to}::date
               or exists (select 1 from fund_tranches f where f.project_id = p.id and f.status = 'verified' and f.date between ${from}::date and ${to}::date))
        order by p.id`,
  );
  if (!projects.length) return [];
  const ids = projects.map((p) => Number(p.id));
  const tranches = await queryRows<{ id: number; project_id: number; date: string; source: FundSource; amount_cny: string }>(
    db,
    sql`select id, project_id, date::text as date, source::text as source, amount_cny::text as amount_cny from fund_tranches
        where status = 'verified' and project_id = any(${intArray(ids)}) and date between ${from}::date and ${to}::date order by id`,
  );
  const credit = await creditOf(db, projects.map((p) => ({ id: Number(p.id), unitId: Number(p.unit_id), unitName: p.unit_name, referralId: p.referral_id === null ? null : Number(p.referral_id) })));
  const tranchesOf = new Map<number, RewardProjectFacts['tranches']>();
  for (const t of tranches) {
    const list = tranchesOf.get(Number(t.project_id)) ?? [];
    list.push({ id: Number(t.id), date: t.date, source: t.source, amountCny: new Decimal(t.amount_cny).toString() });
    tranchesOf.set(Number(t.project_id), list);
  }
  return projects.map((p) => ({
    projectId: Number(p.id),
    name: p.name,
    unitId: Number(p.unit_id),
    unitName: p.unit_name,
    fixedAssetInvestment: plain(p.fixed),
    contractedInvestment: plain(p.contracted),
    signedDate: p.signed_date,
    startedDate: p.started_date,
    producingDate: p.producing_date,
    tranches: tranchesOf.get(Number(p.id)) ?? [],
    credit: credit.get(Number(p.id))!,
  }));
}

/** Each project's credit shares (see the comment at the top). */
async function creditOf(db: Executor, projects: { id: number; unitId: number; unitName: string; referralId: number | null }[]): Promise<Map<number, CreditShare[]>> {
  const linked = [...new Set(projects.map((p) => p.referralId).filter((id): id is number => id !== null))];
  const conflicts = linked.length
    ? await queryRows<{ earlier_id: number; later_id: number; winner_id: number | null; credit_split: { unitId: number; percent: number }[] | null }>(
        db,
        sql`select distinct on (least(earlier_id, later_id), greatest(earlier_id, later_id)) earlier_id, later_id, winner_id, credit_split from referral_conflicts
            where status = 'resolved' and (earlier_id = any(${intArray(linked)}) or later_id = any(${intArray(linked)}))
            order by least(earlier_id, later_id), greatest(earlier_id, later_id), resolved_at desc, id desc`,
      )
    : [];
  const conflictOf = new Map<number, (typeof conflicts)[number]>();
  // The latest resolution naming the registration; newer conflicts replace older ones.
  for (const c of conflicts) for (const id of [Number(c.earlier_id), Number(c.later_id)]) if (linked.includes(id)) conflictOf.set(id, c);
  const referralIds = [...new Set([...linked, ...conflicts.flatMap((c) => [Number(c.earlier_id), Number(c.later_id)])])];
  const referrals = referralIds.length
    ? await queryRows<ReferralRow>(
        db,
        sql`select r.id, r.unit_id, u.name as unit_name, r.referrer_name, r.referrer_user_id, r.status from referrals r join org_units u on u.id = r.unit_id
            where r.id = any(${intArray(referralIds)})`,
      )
    : [];
  const referral = new Map(referrals.map((r) => [Number(r.id), r]));

  const out = new Map<number, CreditShare[]>();
  for (const p of projects) {
    const own: CreditShare[] = [{ unitId: p.unitId, unitName: p.unitName, percent: 100, referrer: null }];
    const r = p.referralId === null ? undefined : referral.get(p.referralId);
    if (!r || r.status === 'withdrawn') {
      out.set(p.id, own);
      continue;
    }
    const c = conflictOf.get(Number(r.id));
    if (c && c.winner_id !== null) {
      const parties = [referral.get(Number(c.winner_id)), referral.get(Number(c.earlier_id)), referral.get(Number(c.later_id))].filter((x): x is ReferralRow => x !== undefined);
      const split = (c.credit_split ?? [{ unitId: referral.get(Number(c.winner_id))?.unit_id ?? r.unit_id, percent: 100 }]).filter((s) => s.percent > 0);
      const shares = split.flatMap((s) => {
        const party = parties.find((x) => Number(x.unit_id) === Number(s.unitId));
        return party ? [{ unitId: Number(party.unit_id), unitName: party.unit_name, percent: s.percent, referrer: referrerOf(party) }] : [];
      });
      // The winner's share first: the first referrer leads the project's lines.
      shares.sort((a, b) => Number(b.referrer.referralId === Number(c.winner_id)) - Number(a.referrer.referralId === Number(c.winner_id)));
      out.set(p.id, shares.length ? shares : own);
      continue;
    }
    if (r.status === 'rejected') {
      out.set(p.id, own);
      continue;
    }
    out.set(p.id, [{ unitId: Number(r.unit_id), unitName: r.unit_name, percent: 100, referrer: referrerOf(r) }]);
  }
  return out;
}
