DROP INDEX "org_units_sibling_name_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_sibling_name_uq" ON "org_units" USING btree (coalesce("parent_id", 0),lower(normalize("name", NFKC)));