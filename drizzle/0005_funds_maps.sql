CREATE TYPE "public"."fund_currency" AS ENUM('CNY', 'USD');--> statement-breakpoint
CREATE TYPE "public"."fund_source" AS ENUM('out_of_province', 'in_province_out_of_city', 'foreign', 'local');--> statement-breakpoint
CREATE TABLE "fund_tranches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_tranches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"currency" "fund_currency" DEFAULT 'CNY' NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"exchange_rate" numeric(12, 6),
	"rate_date" date,
	"amount_cny" numeric(18, 4) NOT NULL,
	"source" "fund_source" NOT NULL,
	"evidence_file_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"is_pre_signing" boolean DEFAULT false NOT NULL,
	"pre_signing_reason" text,
	"corrects_id" integer,
	"note" text,
	"status" "transition_status" DEFAULT 'pending' NOT NULL,
	"reported_by" integer NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "fund_tranches_usd_rate" CHECK (("fund_tranches"."currency" = 'CNY' and "fund_tranches"."exchange_rate" is null) or ("fund_tranches"."currency" = 'USD' and "fund_tranches"."exchange_rate" > 0 and "fund_tranches"."rate_date" is not null)),
	CONSTRAINT "fund_tranches_negative_only_corrections" CHECK ("fund_tranches"."amount" >= 0 or "fund_tranches"."corrects_id" is not null),
	CONSTRAINT "fund_tranches_pre_signing_reason" CHECK (not "fund_tranches"."is_pre_signing" or "fund_tranches"."pre_signing_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "geo_maps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "geo_maps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"review_number" text,
	"geojson" jsonb NOT NULL,
	"feature_units" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fund_tranches" ADD CONSTRAINT "fund_tranches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_tranches" ADD CONSTRAINT "fund_tranches_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_tranches" ADD CONSTRAINT "fund_tranches_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_tranches" ADD CONSTRAINT "fund_tranches_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "geo_maps" ADD CONSTRAINT "geo_maps_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "geo_maps" ADD CONSTRAINT "geo_maps_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_tranches_project_idx" ON "fund_tranches" USING btree ("project_id","date");--> statement-breakpoint
CREATE INDEX "fund_tranches_verified_idx" ON "fund_tranches" USING btree ("date","unit_id","source","amount_cny","project_id") WHERE "fund_tranches"."status" = 'verified';--> statement-breakpoint
CREATE INDEX "fund_tranches_unit_verified_idx" ON "fund_tranches" USING btree ("unit_id","date","source","amount_cny") WHERE "fund_tranches"."status" = 'verified';--> statement-breakpoint
CREATE INDEX "fund_tranches_pending_idx" ON "fund_tranches" USING btree ("status","reported_at") WHERE "fund_tranches"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "fund_tranches_corrects_idx" ON "fund_tranches" USING btree ("corrects_id") WHERE "fund_tranches"."corrects_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "geo_maps_unit_level_uq" ON "geo_maps" USING btree ("unit_id","level");