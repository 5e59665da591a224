DROP INDEX "fund_tranches_verified_idx";--> statement-breakpoint
DROP INDEX "fund_tranches_rejected_idx";--> statement-breakpoint
DROP INDEX "transitions_rejected_idx";--> statement-breakpoint
CREATE INDEX "projects_facts_idx" ON "projects" USING btree ("unit_id","id","created_at","stage","side_state","side_state_date","signed_date","registered_date","started_date","producing_date","at_capacity_date","last_follow_up_date","contracted_investment","foreign_investment","industry_code","investor_id");--> statement-breakpoint
CREATE INDEX "fund_tranches_verified_idx" ON "fund_tranches" USING btree ("date","unit_id","source","amount_cny","project_id","status","currency","amount") WHERE "fund_tranches"."status" = 'verified';--> statement-breakpoint
CREATE INDEX "fund_tranches_rejected_idx" ON "fund_tranches" USING btree ("reviewed_at","unit_id","project_id") WHERE "fund_tranches"."status" = 'rejected';--> statement-breakpoint
CREATE INDEX "transitions_rejected_idx" ON "project_transitions" USING btree ("reviewed_at","project_id") WHERE "project_transitions"."status" = 'rejected';