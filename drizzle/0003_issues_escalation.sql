ALTER TABLE "coordination_issues" ADD COLUMN "escalation_reason" text;--> statement-breakpoint
ALTER TABLE "coordination_issues" ADD COLUMN "escalated_at" timestamp with time zone;