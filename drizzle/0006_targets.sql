CREATE TYPE "public"."target_status" AS ENUM('draft', 'approved');--> statement-breakpoint
CREATE TABLE "targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"unit_id" integer NOT NULL,
	"user_id" integer,
	"metric" text NOT NULL,
	"value" numeric(18, 4) NOT NULL,
	"status" "target_status" DEFAULT 'draft' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "targets_value_non_negative" CHECK ("targets"."value" >= 0),
	CONSTRAINT "targets_year_range" CHECK ("targets"."year" between 2000 and 2100),
	CONSTRAINT "targets_approved_has_approver" CHECK ("targets"."status" = 'draft' or ("targets"."approved_by" is not null and "targets"."approved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_key_uq" ON "targets" USING btree ("year","unit_id","metric",coalesce("user_id", 0));--> statement-breakpoint
CREATE INDEX "targets_year_metric_unit_idx" ON "targets" USING btree ("year","metric","unit_id");--> statement-breakpoint
CREATE INDEX "targets_unit_year_idx" ON "targets" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "targets_user_idx" ON "targets" USING btree ("user_id") WHERE "targets"."user_id" is not null;