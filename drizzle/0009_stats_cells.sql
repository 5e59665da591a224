CREATE TABLE "stats_cells" (
	"unit_id" integer NOT NULL,
	"kind" smallint NOT NULL,
	"m1" date NOT NULL,
	"m2" date DEFAULT 'infinity'::date NOT NULL,
	"band" integer DEFAULT 0 NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"flag" boolean DEFAULT false NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"usd" numeric DEFAULT '0' NOT NULL,
	"n_signed" bigint DEFAULT 0 NOT NULL,
	"n_started" bigint DEFAULT 0 NOT NULL,
	"n_producing" bigint DEFAULT 0 NOT NULL,
	"funds" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "stats_cells_pk" PRIMARY KEY("kind","m1","unit_id","m2","band","source","flag")
);
--> statement-breakpoint
CREATE INDEX "stats_cells_unit_idx" ON "stats_cells" USING btree ("unit_id","m1");--> statement-breakpoint
CREATE INDEX "projects_created_idx" ON "projects" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "projects_registered_idx" ON "projects" USING btree ("registered_date");--> statement-breakpoint
CREATE INDEX "projects_stalled_idx" ON "projects" USING btree (coalesce("last_follow_up_date", ("created_at" at time zone 'Asia/Shanghai')::date),"unit_id") WHERE ("projects"."side_state" is null or "projects"."side_state" = 'stalled') and "projects"."stage" not in ('producing', 'at_capacity');--> statement-breakpoint
CREATE INDEX "projects_signed_not_started_idx" ON "projects" USING btree ("signed_date","unit_id") WHERE "projects"."signed_date" is not null and "projects"."started_date" is null and ("projects"."side_state" is null or "projects"."side_state" = 'stalled');--> statement-breakpoint
-- Size bands of a contracted amount (万元): the largest band at or below it, 0 below all. The stats
-- engine reads 亿元以上 tiers from these cells when every configured tier is one of these bands.
CREATE FUNCTION stats_band(amount numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(max(b), 0) FROM unnest(ARRAY[1000, 2000, 3000, 5000, 10000, 20000, 30000, 50000, 100000, 200000, 300000, 500000, 1000000]) AS b WHERE b <= amount
$$;--> statement-breakpoint
-- A project's contributions to stats_cells (kinds 1–5, 7, 8 without funds, 9, 10; see schema/stats.ts).
CREATE FUNCTION stats_project_cells(p projects) RETURNS SETOF stats_cells LANGUAGE sql STABLE AS $$
  SELECT c.* FROM (SELECT
      date_trunc('month', p.created_at AT TIME ZONE 'Asia/Shanghai')::date AS mc,
      date_trunc('month', p.signed_date)::date AS ms,
      date_trunc('month', p.registered_date)::date AS mr,
      date_trunc('month', p.started_date)::date AS mst,
      date_trunc('month', p.producing_date)::date AS mp) d,
  LATERAL (
    SELECT p.unit_id, 1::smallint, d.mc, 'infinity'::date, 0, '', p.stage <> 'lead', 1::bigint, 0::numeric, 0::numeric, 0::bigint, 0::bigint, 0::bigint, 0::numeric
    UNION ALL SELECT p.unit_id, 2::smallint, d.ms, 'infinity'::date, stats_band(p.contracted_investment), '', false, 1, coalesce(p.contracted_investment, 0), coalesce(p.foreign_investment, 0), 0, 0, 0, 0 WHERE d.ms IS NOT NULL
    UNION ALL SELECT p.unit_id, 3::smallint, d.mr, 'infinity'::date, 0, '', false, 1, 0, 0, 0, 0, 0, 0 WHERE d.mr IS NOT NULL
    UNION ALL SELECT p.unit_id, 4::smallint, d.mst, 'infinity'::date, 0, '', false, 1, coalesce(p.contracted_investment, 0), 0, 0, 0, 0, 0 WHERE d.mst IS NOT NULL
    UNION ALL SELECT p.unit_id, 5::smallint, d.mp, 'infinity'::date, 0, '', false, 1, 0, 0, 0, 0, 0, 0 WHERE d.mp IS NOT NULL
    UNION ALL SELECT p.unit_id, 7::smallint, d.mc, d.ms, 0, '', false, 0, 0, 0, 1, 0, 0, 0 WHERE d.ms IS NOT NULL
    UNION ALL SELECT p.unit_id, 7::smallint, d.mc, d.mst, 0, '', false, 0, 0, 0, 0, 1, 0, 0 WHERE d.mst IS NOT NULL
    UNION ALL SELECT p.unit_id, 7::smallint, d.mc, d.mp, 0, '', false, 0, 0, 0, 0, 0, 1, 0 WHERE d.mp IS NOT NULL
    UNION ALL SELECT p.unit_id, 8::smallint, d.ms, d.mst, 0, '', false, 0, 0, 0, 0, 1, 0, 0 WHERE d.ms IS NOT NULL AND d.mst IS NOT NULL
    UNION ALL SELECT p.unit_id, 8::smallint, d.ms, d.mp, 0, '', false, 0, 0, 0, 0, 0, 1, 0 WHERE d.ms IS NOT NULL AND d.mp IS NOT NULL
    -- Stock candidates: open and not yet producing, by the month of the last follow-up (or entry).
    UNION ALL SELECT p.unit_id, 9::smallint, date_trunc('month', coalesce(p.last_follow_up_date, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date))::date,
      'infinity'::date, 0, '', false, 1, 0, 0, 0, 0, 0, 0
      WHERE (p.side_state IS NULL OR p.side_state = 'stalled') AND p.stage NOT IN ('producing', 'at_capacity')
    -- Signed, not started, open, by signing month.
    UNION ALL SELECT p.unit_id, 10::smallint, d.ms, 'infinity'::date, 0, '', false, 1, 0, 0, 0, 0, 0, 0
      WHERE d.ms IS NOT NULL AND p.started_date IS NULL AND (p.side_state IS NULL OR p.side_state = 'stalled')
  ) c
$$;--> statement-breakpoint
-- A node not yet done of an open project, by its planned month (kind 11), under the project's unit.
CREATE FUNCTION stats_node_cells(n project_nodes, project_unit integer, project_open boolean) RETURNS SETOF stats_cells LANGUAGE sql IMMUTABLE AS $$
  SELECT project_unit, 11::smallint, date_trunc('month', n.planned_date)::date, 'infinity'::date, 0, '', false, 1::bigint, 0::numeric, 0::numeric, 0::bigint, 0::bigint, 0::bigint, 0::numeric
  WHERE n.actual_date IS NULL AND n.planned_date IS NOT NULL AND project_open
$$;--> statement-breakpoint
-- A verified tranche's contributions: funds by its own unit and month (kind 6), and the 资金到位率
-- cohort by its project's unit and signing month (kind 8), given that project's unit and signing day.
CREATE FUNCTION stats_tranche_cells(t fund_tranches, project_unit integer, signed date) RETURNS SETOF stats_cells LANGUAGE sql IMMUTABLE AS $$
  SELECT t.unit_id, 6::smallint, date_trunc('month', t.date)::date, 'infinity'::date, 0, t.source::text, false, 0::bigint, t.amount_cny,
    CASE WHEN t.source = 'foreign' AND t.currency = 'USD' THEN t.amount ELSE 0 END, 0::bigint, 0::bigint, 0::bigint, 0::numeric
  WHERE t.status = 'verified'
  UNION ALL SELECT project_unit, 8::smallint, date_trunc('month', signed)::date, date_trunc('month', t.date)::date, 0, '', false, 0, 0, 0, 0, 0, 0, t.amount_cny
  WHERE t.status = 'verified' AND signed IS NOT NULL
$$;--> statement-breakpoint
-- Adds signed contributions, one row per key (grouped first), in key order so that concurrent
-- writers lock shared cells in the same order.
CREATE FUNCTION stats_cells_add(deltas stats_cells[]) RETURNS void LANGUAGE sql VOLATILE AS $$
  INSERT INTO stats_cells AS s (unit_id, kind, m1, m2, band, source, flag, n, amount, usd, n_signed, n_started, n_producing, funds)
  SELECT unit_id, kind, m1, m2, band, source, flag, sum(n), sum(amount), sum(usd), sum(n_signed), sum(n_started), sum(n_producing), sum(funds)
  FROM unnest(deltas)
  GROUP BY kind, m1, unit_id, m2, band, source, flag
  ORDER BY kind, m1, unit_id, m2, band, source, flag
  ON CONFLICT (kind, m1, unit_id, m2, band, source, flag) DO UPDATE SET
    n = s.n + excluded.n, amount = s.amount + excluded.amount, usd = s.usd + excluded.usd,
    n_signed = s.n_signed + excluded.n_signed, n_started = s.n_started + excluded.n_started,
    n_producing = s.n_producing + excluded.n_producing, funds = s.funds + excluded.funds
$$;--> statement-breakpoint
CREATE FUNCTION stats_negate(c stats_cells) RETURNS stats_cells LANGUAGE sql IMMUTABLE AS $$
  SELECT c.unit_id, c.kind, c.m1, c.m2, c.band, c.source, c.flag, -c.n, -c.amount, -c.usd, -c.n_signed, -c.n_started, -c.n_producing, -c.funds
$$;--> statement-breakpoint
CREATE FUNCTION stats_projects_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas stats_cells[] := '{}';
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.unit_id, OLD.created_at, OLD.stage, OLD.side_state, OLD.signed_date, OLD.registered_date, OLD.started_date, OLD.producing_date,
      OLD.contracted_investment, OLD.foreign_investment, OLD.last_follow_up_date) IS NOT DISTINCT FROM (NEW.unit_id, NEW.created_at, NEW.stage, NEW.side_state,
      NEW.signed_date, NEW.registered_date, NEW.started_date, NEW.producing_date, NEW.contracted_investment, NEW.foreign_investment, NEW.last_follow_up_date) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    deltas := deltas || ARRAY(SELECT stats_negate(c) FROM stats_project_cells(OLD) c);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    deltas := deltas || ARRAY(SELECT c FROM stats_project_cells(NEW) c);
  END IF;
  -- The 资金到位率 cohort follows the project's unit and signing month.
  IF TG_OP = 'UPDATE' AND (OLD.unit_id, OLD.signed_date) IS DISTINCT FROM (NEW.unit_id, NEW.signed_date) THEN
    deltas := deltas
      || ARRAY(SELECT stats_negate(c) FROM fund_tranches t, stats_tranche_cells(t, OLD.unit_id, OLD.signed_date) c WHERE t.project_id = OLD.id AND t.status = 'verified' AND c.kind = 8)
      || ARRAY(SELECT c FROM fund_tranches t, stats_tranche_cells(t, NEW.unit_id, NEW.signed_date) c WHERE t.project_id = NEW.id AND t.status = 'verified' AND c.kind = 8);
  END IF;
  -- Open nodes follow the project's unit and whether it is open.
  IF TG_OP = 'UPDATE' AND (OLD.unit_id, OLD.side_state IS NULL OR OLD.side_state = 'stalled') IS DISTINCT FROM (NEW.unit_id, NEW.side_state IS NULL OR NEW.side_state = 'stalled') THEN
    deltas := deltas
      || ARRAY(SELECT stats_negate(c) FROM project_nodes n, stats_node_cells(n, OLD.unit_id, OLD.side_state IS NULL OR OLD.side_state = 'stalled') c WHERE n.project_id = OLD.id)
      || ARRAY(SELECT c FROM project_nodes n, stats_node_cells(n, NEW.unit_id, NEW.side_state IS NULL OR NEW.side_state = 'stalled') c WHERE n.project_id = NEW.id);
  END IF;
  PERFORM stats_cells_add(deltas);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION stats_tranches_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas stats_cells[] := '{}';
  p_unit integer;
  p_signed date;
BEGIN
  IF (TG_OP = 'INSERT' OR OLD.status <> 'verified') AND (TG_OP = 'DELETE' OR NEW.status <> 'verified') THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.unit_id, OLD.project_id, OLD.date, OLD.source, OLD.currency, OLD.amount, OLD.amount_cny)
      IS NOT DISTINCT FROM (NEW.status, NEW.unit_id, NEW.project_id, NEW.date, NEW.source, NEW.currency, NEW.amount, NEW.amount_cny) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status = 'verified' THEN
    -- FOR SHARE waits for a concurrent change of the project's signing day or unit to commit and reads
    -- its result, so that change's own move of this project's cohort funds and this one agree.
    SELECT unit_id, signed_date INTO p_unit, p_signed FROM projects WHERE id = OLD.project_id FOR SHARE;
    deltas := deltas || ARRAY(SELECT stats_negate(c) FROM stats_tranche_cells(OLD, p_unit, p_signed) c);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'verified' THEN
    SELECT unit_id, signed_date INTO p_unit, p_signed FROM projects WHERE id = NEW.project_id FOR SHARE;
    deltas := deltas || ARRAY(SELECT c FROM stats_tranche_cells(NEW, p_unit, p_signed) c);
  END IF;
  PERFORM stats_cells_add(deltas);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION stats_nodes_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas stats_cells[] := '{}';
  p_unit integer;
  p_open boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.project_id, OLD.planned_date, OLD.actual_date IS NULL) IS NOT DISTINCT FROM (NEW.project_id, NEW.planned_date, NEW.actual_date IS NULL) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    -- As for tranches: wait for a concurrent change of the project's unit or state, then read it.
    SELECT unit_id, side_state IS NULL OR side_state = 'stalled' INTO p_unit, p_open FROM projects WHERE id = OLD.project_id FOR SHARE;
    deltas := deltas || ARRAY(SELECT stats_negate(c) FROM stats_node_cells(OLD, p_unit, p_open) c);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT unit_id, side_state IS NULL OR side_state = 'stalled' INTO p_unit, p_open FROM projects WHERE id = NEW.project_id FOR SHARE;
    deltas := deltas || ARRAY(SELECT c FROM stats_node_cells(NEW, p_unit, p_open) c);
  END IF;
  PERFORM stats_cells_add(deltas);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER stats_nodes_cells AFTER INSERT OR UPDATE OR DELETE ON project_nodes FOR EACH ROW EXECUTE FUNCTION stats_nodes_trigger();--> statement-breakpoint
CREATE TRIGGER stats_projects_cells AFTER INSERT OR UPDATE OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION stats_projects_trigger();--> statement-breakpoint
CREATE TRIGGER stats_tranches_cells AFTER INSERT OR UPDATE OR DELETE ON fund_tranches FOR EACH ROW EXECUTE FUNCTION stats_tranches_trigger();--> statement-breakpoint
-- stats_cells computed from scratch: the backfill below, and what tests compare the live cells with.
CREATE VIEW stats_cells_expected AS
  SELECT unit_id, kind, m1, m2, band, source, flag, sum(n)::bigint AS n, sum(amount) AS amount, sum(usd) AS usd,
    sum(n_signed)::bigint AS n_signed, sum(n_started)::bigint AS n_started, sum(n_producing)::bigint AS n_producing, sum(funds) AS funds
  FROM (
    SELECT c.* FROM projects p, stats_project_cells(p) c
    UNION ALL
    SELECT c.* FROM fund_tranches t JOIN projects p ON p.id = t.project_id, stats_tranche_cells(t, p.unit_id, p.signed_date) c WHERE t.status = 'verified'
    UNION ALL
    SELECT c.* FROM project_nodes n JOIN projects p ON p.id = n.project_id, stats_node_cells(n, p.unit_id, p.side_state IS NULL OR p.side_state = 'stalled') c
    WHERE n.actual_date IS NULL
  ) x
  GROUP BY kind, m1, unit_id, m2, band, source, flag;--> statement-breakpoint
INSERT INTO stats_cells SELECT * FROM stats_cells_expected;--> statement-breakpoint
ANALYZE stats_cells;
