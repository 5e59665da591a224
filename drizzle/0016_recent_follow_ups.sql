DROP INDEX "projects_facts_idx";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "third_follow_up_date" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "fourth_follow_up_date" date;--> statement-breakpoint
-- Every project with three follow-ups or more: the dates of the third and fourth latest (refreshFollowUpFacts keeps them from now on).
UPDATE "projects" p SET "third_follow_up_date" = f.third, "fourth_follow_up_date" = f.fourth
FROM (SELECT project_id, max(date) FILTER (WHERE n = 3) AS third, max(date) FILTER (WHERE n = 4) AS fourth
      FROM (SELECT project_id, date, row_number() OVER (PARTITION BY project_id ORDER BY date DESC, id DESC) AS n FROM "follow_ups") x
      WHERE n IN (3, 4) GROUP BY project_id) f
WHERE p.id = f.project_id;--> statement-breakpoint
CREATE INDEX "projects_facts_idx" ON "projects" USING btree ("unit_id","id","created_at","stage","side_state","side_state_date","signed_date","registered_date","started_date","producing_date","at_capacity_date","last_follow_up_date","previous_follow_up_date","third_follow_up_date","fourth_follow_up_date","contracted_investment","foreign_investment","industry_code","investor_id");
