CREATE TYPE "public"."assessment_run_status" AS ENUM('computed', 'published');--> statement-breakpoint
CREATE TYPE "public"."assessment_scheme_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scheme_id" integer NOT NULL,
	"scheme_version" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" "assessment_run_status" DEFAULT 'computed' NOT NULL,
	"inputs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"computed_by" integer,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assessment_runs_period_order" CHECK ("assessment_runs"."period_from" <= "assessment_runs"."period_to"),
	CONSTRAINT "assessment_runs_published_has_publisher" CHECK ("assessment_runs"."status" = 'computed' or "assessment_runs"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "assessment_schemes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_schemes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"previous_id" integer,
	"status" "assessment_scheme_status" DEFAULT 'draft' NOT NULL,
	"scheme" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assessment_schemes_version_positive" CHECK ("assessment_schemes"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_scheme_id_assessment_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_computed_by_users_id_fk" FOREIGN KEY ("computed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_previous_id_assessment_schemes_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."assessment_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_runs_unit_idx" ON "assessment_runs" USING btree ("unit_id","status","id");--> statement-breakpoint
CREATE INDEX "assessment_runs_scheme_idx" ON "assessment_runs" USING btree ("scheme_id","id");--> statement-breakpoint
CREATE INDEX "assessment_schemes_unit_idx" ON "assessment_schemes" USING btree ("unit_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_schemes_previous_uq" ON "assessment_schemes" USING btree ("previous_id") WHERE "assessment_schemes"."previous_id" is not null;