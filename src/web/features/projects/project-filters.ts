import { PROJECT_SORTS } from '../../../shared/api/projects';
import { SIDE_STATES, STAGES, type SideState, type Stage } from '../../../shared/project';
import type { QueryParams } from '../../api/client';

// The ledger's filters live in the query string, so a filtered list is a link that can be shared
// (?q=&stage=signed,started&unitId=9&industry=C&minAmount=&maxAmount=&tier=&liaisonLeaderId=
//  &ownerUserId=&investorId=&stalled=1&signedNotStarted=1&isKey=1&sort=&order=&page=&pageSize=&view=board).

export type ProjectSort = (typeof PROJECT_SORTS)[number];
export type SideStateFilter = SideState | 'none';
export const PAGE_SIZES = [10, 20, 50, 100];

export interface ProjectFilters {
  q?: string;
  stage?: Stage[];
  sideState?: SideStateFilter[];
  unitId?: number;
  industry?: string;
  minAmount?: string;
  maxAmount?: string;
  tier?: number;
  liaisonLeaderId?: number;
  ownerUserId?: number;
  investorId?: number;
  stalled?: boolean;
  signedNotStarted?: boolean;
  isKey?: boolean;
}

export interface ProjectListState extends ProjectFilters {
  sort: ProjectSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  view: 'table' | 'board';
}

const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 2147483647 ? n : undefined;
}

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] | undefined {
  const items = (value ?? '').split(',').filter((x): x is T => (allowed as readonly string[]).includes(x));
  return items.length ? [...new Set(items)] : undefined;
}

export function readProjectState(params: URLSearchParams): ProjectListState {
  const sort = params.get('sort') as ProjectSort | null;
  const page = positiveInt(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const money = (key: string) => {
    const v = params.get(key)?.trim();
    return v && DECIMAL.test(v) ? v : undefined;
  };
  const industry = params.get('industry')?.trim();
  return {
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    stage: list(params.get('stage'), STAGES),
    sideState: list(params.get('sideState'), [...SIDE_STATES, 'none'] as const),
    unitId: positiveInt(params.get('unitId')),
    industry: industry && /^([A-T]|\d{1,4})$/.test(industry) ? industry : undefined,
    minAmount: money('minAmount'),
    maxAmount: money('maxAmount'),
    tier: positiveInt(params.get('tier')),
    liaisonLeaderId: positiveInt(params.get('liaisonLeaderId')),
    ownerUserId: positiveInt(params.get('ownerUserId')),
    investorId: positiveInt(params.get('investorId')),
    stalled: params.get('stalled') === '1' || undefined,
    signedNotStarted: params.get('signedNotStarted') === '1' || undefined,
    isKey: params.get('isKey') === '1' || undefined,
    sort: sort && (PROJECT_SORTS as readonly string[]).includes(sort) ? sort : 'updatedAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: page ?? 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    view: params.get('view') === 'board' ? 'board' : 'table',
  };
}

/** The filters as the API's query parameters (list, board and export share them). */
export function filterParams(f: ProjectFilters): QueryParams {
  return {
    q: f.q,
    stage: f.stage?.join(','),
    sideState: f.sideState?.join(','),
    unitId: f.unitId,
    industry: f.industry,
    minAmount: f.minAmount,
    maxAmount: f.maxAmount,
    tier: f.tier,
    liaisonLeaderId: f.liaisonLeaderId,
    ownerUserId: f.ownerUserId,
    investorId: f.investorId,
    stalled: f.stalled ? 'true' : undefined,
    signedNotStarted: f.signedNotStarted ? 'true' : undefined,
    isKey: f.isKey ? 'true' : undefined,
  };
}

/** Just the filters of a list state (what the board and the totals ask for). */
export function filtersOf(s: ProjectListState): ProjectFilters {
  const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, view: _view, ...filters } = s;
  return filters;
}

export function hasAnyFilter(f: ProjectFilters): boolean {
  return Object.values(filterParams(f)).some((v) => v !== undefined && v !== '');
}

/**
 * The total the pager is given. Past LIST_COUNT_CAP matches the server stops counting (`totalCapped`,
 * `total` = the cap): the pager then always offers one page beyond a full current page, so paging
 * goes on past the cap instead of ending at a made-up last page.
 */
export function pagerTotal(page: { total: number; totalCapped: boolean; page: number; pageSize: number; items: unknown[] }): number {
  if (!page.totalCapped) return page.total;
  const seen = (page.page - 1) * page.pageSize + page.items.length;
  return Math.max(page.total, page.items.length === page.pageSize ? seen + 1 : seen);
}
