CREATE TYPE "public"."reward_rule_status" AS ENUM('draft', 'active');--> statement-breakpoint
CREATE TYPE "public"."reward_run_status" AS ENUM('computed', 'published');--> statement-breakpoint
CREATE TABLE "reward_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reward_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"line_no" integer NOT NULL,
	"project_id" integer NOT NULL,
	"project_name" text NOT NULL,
	"item_id" text NOT NULL,
	"unit_id" integer NOT NULL,
	"referral_id" integer,
	"referrer_name" text,
	"referrer_user_id" integer,
	"share_percent" smallint NOT NULL,
	"base_amount" numeric(18, 4) NOT NULL,
	"raw_amount" numeric(18, 4) NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	"is_capped" boolean NOT NULL,
	"detail" jsonb NOT NULL,
	CONSTRAINT "reward_lines_share" CHECK ("reward_lines"."share_percent" between 1 and 100),
	CONSTRAINT "reward_lines_amounts" CHECK ("reward_lines"."amount" >= 0 and "reward_lines"."amount" <= "reward_lines"."raw_amount")
);
--> statement-breakpoint
CREATE TABLE "reward_rule_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reward_rule_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"previous_id" integer,
	"status" "reward_rule_status" DEFAULT 'draft' NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reward_rule_sets_version_positive" CHECK ("reward_rule_sets"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "reward_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reward_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rule_set_id" integer NOT NULL,
	"rule_set_version" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" "reward_run_status" DEFAULT 'computed' NOT NULL,
	"inputs" jsonb NOT NULL,
	"total_amount" numeric(18, 4) NOT NULL,
	"total_raw" numeric(18, 4) NOT NULL,
	"content_hash" text NOT NULL,
	"computed_by" integer,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reward_runs_period_order" CHECK ("reward_runs"."period_from" <= "reward_runs"."period_to"),
	CONSTRAINT "reward_runs_published_has_time" CHECK ("reward_runs"."status" = 'computed' or "reward_runs"."published_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "reward_lines" ADD CONSTRAINT "reward_lines_run_id_reward_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reward_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_lines" ADD CONSTRAINT "reward_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_lines" ADD CONSTRAINT "reward_lines_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_lines" ADD CONSTRAINT "reward_lines_referrer_user_id_users_id_fk" FOREIGN KEY ("referrer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_rule_sets" ADD CONSTRAINT "reward_rule_sets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_rule_sets" ADD CONSTRAINT "reward_rule_sets_previous_id_reward_rule_sets_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."reward_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_rule_sets" ADD CONSTRAINT "reward_rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_runs" ADD CONSTRAINT "reward_runs_rule_set_id_reward_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."reward_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_runs" ADD CONSTRAINT "reward_runs_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_runs" ADD CONSTRAINT "reward_runs_computed_by_users_id_fk" FOREIGN KEY ("computed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_runs" ADD CONSTRAINT "reward_runs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reward_lines_run_line_uq" ON "reward_lines" USING btree ("run_id","line_no");--> statement-breakpoint
CREATE INDEX "reward_lines_run_unit_idx" ON "reward_lines" USING btree ("run_id","unit_id");--> statement-breakpoint
CREATE INDEX "reward_lines_referrer_idx" ON "reward_lines" USING btree ("referrer_user_id","run_id") WHERE "reward_lines"."referrer_user_id" is not null;--> statement-breakpoint
CREATE INDEX "reward_lines_project_idx" ON "reward_lines" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "reward_rule_sets_unit_idx" ON "reward_rule_sets" USING btree ("unit_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_rule_sets_previous_uq" ON "reward_rule_sets" USING btree ("previous_id") WHERE "reward_rule_sets"."previous_id" is not null;--> statement-breakpoint
CREATE INDEX "reward_runs_unit_idx" ON "reward_runs" USING btree ("unit_id","status","id");--> statement-breakpoint
CREATE INDEX "reward_runs_rule_set_idx" ON "reward_runs" USING btree ("rule_set_id","id");