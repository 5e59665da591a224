CREATE TYPE "public"."channel" AS ENUM('leader', 'business', 'agency', 'hometown', 'online', 'expo', 'team', 'other');--> statement-breakpoint
CREATE TYPE "public"."follow_up_kind" AS ENUM('visit', 'call', 'reception', 'negotiation', 'site_inspection', 'online');--> statement-breakpoint
CREATE TYPE "public"."issue_status" AS ENUM('open', 'answered', 'closed', 'escalated');--> statement-breakpoint
CREATE TYPE "public"."issue_type" AS ENUM('land', 'funding', 'policy', 'approval', 'environment', 'utilities', 'other');--> statement-breakpoint
CREATE TYPE "public"."ownership_type" AS ENUM('private', 'state', 'central_soe', 'foreign', 'hk_macao_taiwan', 'listed', 'collective', 'other');--> statement-breakpoint
CREATE TYPE "public"."side_state" AS ENUM('stalled', 'lost', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('lead', 'negotiating', 'signed', 'registered', 'started', 'producing', 'at_capacity');--> statement-breakpoint
CREATE TYPE "public"."transition_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."transition_target" AS ENUM('lead', 'negotiating', 'signed', 'registered', 'started', 'producing', 'at_capacity', 'stalled', 'lost', 'withdrawn', 'resumed');--> statement-breakpoint
CREATE TABLE "coordination_issues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coordination_issues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"type" "issue_type" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"department_unit_id" integer NOT NULL,
	"deadline" date,
	"status" "issue_status" DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"unit_id" integer NOT NULL,
	"entity" text,
	"entity_id" integer,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_ups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"kind" "follow_up_kind" NOT NULL,
	"participants" text,
	"content" text NOT NULL,
	"next_step" text,
	"next_step_due" date,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_column_mappings" (
	"header" text PRIMARY KEY NOT NULL,
	"field" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"file_id" integer,
	"filename" text NOT NULL,
	"unit_id" integer NOT NULL,
	"mapping" jsonb,
	"summary" jsonb,
	"progress" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investor_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investor_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"investor_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"wechat" text,
	"email" text,
	"note" text,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"name_norm" text NOT NULL,
	"uscc" text,
	"country" text DEFAULT '中国' NOT NULL,
	"province" text,
	"city" text,
	"ownership_type" "ownership_type",
	"industry_code" text,
	"scale" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"unit_id" integer NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_nodes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_nodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"name" text NOT NULL,
	"planned_date" date,
	"actual_date" date,
	"responsible" text,
	"note" text,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"from_stage" "stage" NOT NULL,
	"from_side_state" "side_state",
	"to_target" "transition_target" NOT NULL,
	"event_date" date NOT NULL,
	"note" text,
	"reason" text,
	"lost_destination" text,
	"is_backward" boolean DEFAULT false NOT NULL,
	"evidence_file_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"status" "transition_status" DEFAULT 'pending' NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"unit_id" integer NOT NULL,
	"stage" "stage" DEFAULT 'lead' NOT NULL,
	"stage_date" date,
	"side_state" "side_state",
	"side_state_date" date,
	"side_state_reason" text,
	"lost_destination" text,
	"signed_date" date,
	"registered_date" date,
	"started_date" date,
	"producing_date" date,
	"at_capacity_date" date,
	"investor_id" integer,
	"industry_code" text,
	"carrier" text,
	"planned_investment" numeric(18, 4),
	"contracted_investment" numeric(18, 4),
	"fixed_asset_investment" numeric(18, 4),
	"foreign_investment" numeric(18, 4),
	"expected_output" numeric(18, 4),
	"expected_tax" numeric(18, 4),
	"expected_jobs" integer,
	"land_mu" numeric(12, 2),
	"floor_area_m2" numeric(14, 2),
	"channel" "channel",
	"is_city_key" boolean DEFAULT false NOT NULL,
	"is_province_key" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_user_id" integer,
	"liaison_leader_id" integer,
	"referral_id" integer,
	"description" text,
	"next_step" text,
	"next_step_due" date,
	"last_follow_up_date" date,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_money_nonneg" CHECK (coalesce("projects"."planned_investment", 0) >= 0 and coalesce("projects"."contracted_investment", 0) >= 0 and coalesce("projects"."fixed_asset_investment", 0) >= 0 and coalesce("projects"."foreign_investment", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "referral_conflicts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_conflicts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"earlier_id" integer NOT NULL,
	"later_id" integer NOT NULL,
	"matched_by" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"winner_id" integer,
	"credit_split" jsonb,
	"resolution" text,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referrals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"investor_name" text NOT NULL,
	"investor_name_norm" text NOT NULL,
	"uscc" text,
	"investor_id" integer,
	"project_intent" text NOT NULL,
	"intended_amount" numeric(18, 4),
	"industry_code" text,
	"referrer_name" text NOT NULL,
	"referrer_kind" text NOT NULL,
	"referrer_phone" text,
	"referrer_user_id" integer,
	"unit_id" integer NOT NULL,
	"registered_by" integer NOT NULL,
	"registered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"protected_until" timestamp with time zone NOT NULL,
	"evidence_file_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"note" text,
	"project_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "coordination_issues" ADD CONSTRAINT "coordination_issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_issues" ADD CONSTRAINT "coordination_issues_department_unit_id_org_units_id_fk" FOREIGN KEY ("department_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_issues" ADD CONSTRAINT "coordination_issues_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_contacts" ADD CONSTRAINT "investor_contacts_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investors" ADD CONSTRAINT "investors_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_nodes" ADD CONSTRAINT "project_nodes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transitions" ADD CONSTRAINT "project_transitions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transitions" ADD CONSTRAINT "project_transitions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_transitions" ADD CONSTRAINT "project_transitions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_liaison_leader_id_users_id_fk" FOREIGN KEY ("liaison_leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_conflicts" ADD CONSTRAINT "referral_conflicts_earlier_id_referrals_id_fk" FOREIGN KEY ("earlier_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_conflicts" ADD CONSTRAINT "referral_conflicts_later_id_referrals_id_fk" FOREIGN KEY ("later_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_conflicts" ADD CONSTRAINT "referral_conflicts_winner_id_referrals_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_conflicts" ADD CONSTRAINT "referral_conflicts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_user_id_users_id_fk" FOREIGN KEY ("referrer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issues_project_idx" ON "coordination_issues" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "issues_department_idx" ON "coordination_issues" USING btree ("department_unit_id","status");--> statement-breakpoint
CREATE INDEX "files_entity_idx" ON "files" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "files_unit_idx" ON "files" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "follow_ups_project_idx" ON "follow_ups" USING btree ("project_id","date");--> statement-breakpoint
CREATE INDEX "follow_ups_unit_date_idx" ON "follow_ups" USING btree ("unit_id","date");--> statement-breakpoint
CREATE INDEX "import_jobs_created_by_idx" ON "import_jobs" USING btree ("created_by","id");--> statement-breakpoint
CREATE INDEX "investor_contacts_investor_idx" ON "investor_contacts" USING btree ("investor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "investors_uscc_uq" ON "investors" USING btree ("uscc") WHERE "investors"."uscc" is not null;--> statement-breakpoint
CREATE INDEX "investors_name_norm_idx" ON "investors" USING btree ("name_norm");--> statement-breakpoint
CREATE INDEX "investors_unit_idx" ON "investors" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "investors_search_idx" ON "investors" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "project_nodes_project_idx" ON "project_nodes" USING btree ("project_id","sort_order");--> statement-breakpoint
CREATE INDEX "project_nodes_overdue_idx" ON "project_nodes" USING btree ("planned_date") WHERE "project_nodes"."actual_date" is null;--> statement-breakpoint
CREATE INDEX "transitions_project_idx" ON "project_transitions" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "transitions_pending_idx" ON "project_transitions" USING btree ("status","requested_at") WHERE "project_transitions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "projects_unit_idx" ON "projects" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage","unit_id");--> statement-breakpoint
CREATE INDEX "projects_industry_idx" ON "projects" USING btree ("industry_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_contracted_idx" ON "projects" USING btree ("contracted_investment");--> statement-breakpoint
CREATE INDEX "projects_updated_idx" ON "projects" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_last_follow_up_idx" ON "projects" USING btree ("last_follow_up_date");--> statement-breakpoint
CREATE INDEX "projects_signed_idx" ON "projects" USING btree ("signed_date");--> statement-breakpoint
CREATE INDEX "projects_started_idx" ON "projects" USING btree ("started_date");--> statement-breakpoint
CREATE INDEX "projects_producing_idx" ON "projects" USING btree ("producing_date");--> statement-breakpoint
CREATE INDEX "projects_investor_idx" ON "projects" USING btree ("investor_id");--> statement-breakpoint
CREATE INDEX "projects_liaison_idx" ON "projects" USING btree ("liaison_leader_id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search_tokens");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_conflicts_pair_uq" ON "referral_conflicts" USING btree ("earlier_id","later_id");--> statement-breakpoint
CREATE INDEX "referral_conflicts_status_idx" ON "referral_conflicts" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "referrals_uscc_idx" ON "referrals" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "referrals_name_norm_idx" ON "referrals" USING btree ("investor_name_norm");--> statement-breakpoint
CREATE INDEX "referrals_unit_idx" ON "referrals" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "referrals_registered_by_idx" ON "referrals" USING btree ("registered_by","id");--> statement-breakpoint
CREATE INDEX "referrals_status_idx" ON "referrals" USING btree ("status");