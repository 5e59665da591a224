DROP INDEX "projects_facts_idx";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "previous_follow_up_date" date;--> statement-breakpoint
-- Every project with two follow-ups or more: the date of the second latest (refreshFollowUpFacts keeps it from now on).
UPDATE "projects" p SET "previous_follow_up_date" = f.date
FROM (SELECT project_id, date FROM (SELECT project_id, date, row_number() OVER (PARTITION BY project_id ORDER BY date DESC) AS n FROM "follow_ups") x WHERE n = 2) f
WHERE p.id = f.project_id;--> statement-breakpoint
CREATE INDEX "projects_facts_idx" ON "projects" USING btree ("unit_id","id","created_at","stage","side_state","side_state_date","signed_date","registered_date","started_date","producing_date","at_capacity_date","last_follow_up_date","previous_follow_up_date","contracted_investment","foreign_investment","industry_code","investor_id");