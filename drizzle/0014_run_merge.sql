DROP INDEX "fund_tranches_project_idx";--> statement-breakpoint
CREATE INDEX "projects_id_facts_idx" ON "projects" USING btree ("id","unit_id","industry_code","contracted_investment","investor_id");--> statement-breakpoint
CREATE INDEX "fund_tranches_project_idx" ON "fund_tranches" USING btree ("project_id","date","status","source","currency","amount","amount_cny","unit_id");