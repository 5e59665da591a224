CREATE INDEX "projects_name_prefix_idx" ON "projects" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_filter_idx" ON "projects" USING btree ("stage","industry_code" text_pattern_ops,"contracted_investment","unit_id");--> statement-breakpoint
CREATE INDEX "projects_unit_investor_idx" ON "projects" USING btree ("unit_id","investor_id");