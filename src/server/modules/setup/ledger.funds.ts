import { amountInCny, type FundCurrency, type FundSource } from '../../../shared/funds.js';
import type { PlannedInvestor } from './ledger.parties.js';
import type { PlannedProject } from './ledger.plan.js';
import { addDays, at, daysBetween, minDate, mulberry32, type Random } from './ledger.random.js';

/*
 * The demo ledger's funds in place (实际到位资金): dated tranches for projects that are signed or
 * later, over the two years before today — mostly verified, a few awaiting review, one rejected —
 * about 10–80% of the contracted investment depending on how far the project has come. Sources
 * follow the investor (elsewhere in 河南: 省内市外; other provinces and central SOEs: 省外; foreign
 * firms: 境外, entered in 万美元 at a dated rate). A 信阳-registered firm is often the project company
 * of outside money, so half of those bring 省外/省内市外 funds; and now and then a domestic investor
 * comes in through its Hong Kong holding company (境外, USD). Its own PRNG stream, so the rest of the
 * plan is the same as before funds were planned.
 */

export const FUNDS_SEED = 20260523;
const REVIEWER = 'demo.bureau';
const HOME_PROVINCE = '河南省';
const HOME_CITY = '信阳市';

export interface PlannedTranche {
  date: string;
  currency: FundCurrency;
  amount: string;
  exchangeRate: string | null;
  rateDate: string | null;
  amountCny: string;
  source: FundSource;
  note: string | null;
  status: 'pending' | 'verified' | 'rejected';
  reportedBy: string;
  reportedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

/** Share of the contracted investment in place by now, by stage: [min, max]. */
const IN_PLACE: Record<string, [number, number]> = {
  signed: [0.08, 0.3],
  registered: [0.12, 0.4],
  started: [0.2, 0.6],
  producing: [0.4, 0.75],
  at_capacity: [0.55, 0.8],
  stalled: [0.08, 0.35],
};
const EVIDENCE_NOTES = ['依据银行进账单登记', '依据验资报告（注册资本实缴）登记', '依据设备购置发票及付款凭证登记', '依据工程款支付凭证登记', '依据股东增资到账凭证登记'];
const REJECT_NOTE = '进账单金额与登记金额不符，且未附验资报告，请核实后重新登记';

function sourceOf(r: Random, investor: PlannedInvestor | undefined): FundSource {
  if (investor?.ownershipType === 'foreign') return 'foreign';
  if (r.chance(0.07)) return 'foreign';
  if (investor?.province === HOME_PROVINCE && investor.city === HOME_CITY) return r.weighted([['local', 5], ['out_of_province', 3], ['in_province_out_of_city', 2]] as const);
  if (investor?.province === HOME_PROVINCE) return 'in_province_out_of_city';
  return 'out_of_province';
}

/** Round a 万元 amount down to a figure people book (10万 steps below 1亿, 100万 above). */
function bookable(wan: number): number {
  const step = wan >= 10_000 ? 100 : 10;
  return Math.max(step, Math.floor(wan / step) * step);
}

function usdRate(r: Random): string {
  return (7.1 + r.int(0, 200) / 1000).toFixed(4); // 7.1000–7.3000 CNY per USD
}

interface Ctx {
  r: Random;
  today: string;
  owner: string;
}

function tranche(ctx: Ctx, date: string, wan: number, source: FundSource, status: PlannedTranche['status']): PlannedTranche {
  const { r, today } = ctx;
  let currency: FundCurrency = 'CNY';
  let amount = String(bookable(wan));
  let exchangeRate: string | null = null;
  if (source === 'foreign') {
    currency = 'USD';
    exchangeRate = usdRate(r);
    amount = String(Math.max(1, Math.round(wan / Number(exchangeRate))));
  }
  const latest = addDays(today, -1);
  const reportDate = minDate(addDays(date, r.int(1, 6)), status === 'pending' ? latest : addDays(today, -2));
  const reportedAt = new Date(at(reportDate, r.int(9 * 60, 12 * 60))).toISOString();
  const reviewed = status === 'pending' ? null : new Date(at(minDate(addDays(reportDate, r.int(0, 4)), latest), r.int(14 * 60, 18 * 60))).toISOString();
  return {
    date,
    currency,
    amount,
    exchangeRate,
    rateDate: exchangeRate ? date : null,
    amountCny: amountInCny(amount, currency, exchangeRate),
    source,
    note: r.pick(EVIDENCE_NOTES),
    status,
    reportedBy: ctx.owner,
    reportedAt,
    reviewedBy: reviewed ? REVIEWER : null,
    reviewedAt: reviewed,
    reviewNote: status === 'rejected' ? REJECT_NOTE : status === 'verified' && r.chance(0.2) ? '凭证齐全，同意' : null,
  };
}

/** Tranches per project (same order as `projects`). */
export function planFunds(projects: PlannedProject[], investors: PlannedInvestor[], today: string): PlannedTranche[][] {
  const r = mulberry32(FUNDS_SEED);
  const byName = new Map(investors.map((i) => [i.name, i]));
  const windowStart = addDays(today, -730);
  let rejectedPlanned = false;
  return projects.map((p) => {
    const s = p.state;
    if (!s.signedDate || !p.contractedInvestment || s.sideState === 'lost' || s.sideState === 'withdrawn') return [];
    const share = IN_PLACE[s.sideState ?? s.stage];
    if (!share) return [];
    const ctx: Ctx = { r, today, owner: p.owner };
    const out: PlannedTranche[] = [];
    const contracted = Number(p.contractedInvestment);
    const main = sourceOf(r, byName.get(p.investor));
    const first = addDays(s.signedDate > windowStart ? s.signedDate : windowStart, r.int(3, 20));
    const last = addDays(today, -3);
    // Newly signed projects may have nothing in place yet.
    const span = daysBetween(first, last);
    if (span >= 0 && !(s.stage === 'signed' && r.chance(0.25))) {
      const total = contracted * (share[0] + r.next() * (share[1] - share[0]));
      const n = Math.max(1, Math.min(5, Math.round(total / Math.max(2000, contracted / 4)) + r.int(0, 1)));
      const weights = Array.from({ length: n }, () => 0.5 + r.next());
      const sum = weights.reduce((a, b) => a + b, 0);
      const dates = Array.from({ length: n }, () => addDays(first, r.int(0, span))).sort();
      dates.forEach((date, i) => {
        // Mostly the investor's own money; now and then a local co-investor or loan (本地资金).
        const source = main !== 'local' && main !== 'foreign' && r.chance(0.12) ? 'local' : main;
        out.push(tranche(ctx, date, (total * weights[i]!) / sum, source, 'verified'));
      });
    }
    // A few fresh reports awaiting the bureau, and one the bureau sent back.
    const recent = addDays(today, -r.int(2, 20));
    if (recent >= addDays(s.signedDate, 1)) {
      if (!rejectedPlanned && s.stage === 'started' && out.length > 0) {
        rejectedPlanned = true;
        out.push(tranche(ctx, recent, contracted * 0.2, main, 'rejected'));
      } else if (r.chance(0.07)) {
        out.push(tranche(ctx, recent, contracted * (0.03 + r.next() * 0.07), main, 'pending'));
      }
    }
    return out;
  });
}
