CREATE TABLE "hub_agencies" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency" text NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"bundle_id" text,
	"sha256" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_assets" (
	"agency" text NOT NULL,
	"record_id" text NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"bundle_id" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"value_seized_minor" numeric(38, 0) NOT NULL,
	"value_realised_minor" numeric(38, 0),
	"seized_on" text NOT NULL,
	CONSTRAINT "hub_assets_agency_record_id_pk" PRIMARY KEY("agency","record_id")
);
--> statement-breakpoint
CREATE TABLE "hub_audit" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" text NOT NULL,
	"agency" text,
	"action" text NOT NULL,
	"status" integer NOT NULL,
	"detail" jsonb NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_bundles" (
	"bundle_id" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"agency" text NOT NULL,
	"signer_fingerprint" text NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"created_at" text NOT NULL,
	"previous_bundle_id" text,
	"record_counts" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"audit_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_checkpoints" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency" text NOT NULL,
	"origin" text NOT NULL,
	"tree_size" bigint NOT NULL,
	"root_hash" text NOT NULL,
	"time" text NOT NULL,
	"note" text NOT NULL,
	"bundle_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_identifiers" (
	"agency" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"record_table" text NOT NULL,
	"record_id" text NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"bundle_id" text NOT NULL,
	CONSTRAINT "hub_identifiers_agency_kind_record_id_value_pk" PRIMARY KEY("agency","kind","record_id","value")
);
--> statement-breakpoint
CREATE TABLE "hub_records" (
	"agency" text NOT NULL,
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"case_id" text NOT NULL,
	"bundle_id" text NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "hub_records_agency_table_name_record_id_pk" PRIMARY KEY("agency","table_name","record_id")
);
--> statement-breakpoint
CREATE TABLE "hub_seen_requests" (
	"signature_hash" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hub_alerts_agency" ON "hub_alerts" USING btree ("agency");--> statement-breakpoint
CREATE INDEX "hub_assets_agency_case" ON "hub_assets" USING btree ("agency","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_bundles_sha256" ON "hub_bundles" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "hub_bundles_agency_case" ON "hub_bundles" USING btree ("agency","case_id");--> statement-breakpoint
CREATE INDEX "hub_checkpoints_origin_size" ON "hub_checkpoints" USING btree ("origin","tree_size");--> statement-breakpoint
CREATE INDEX "hub_identifiers_kind_value" ON "hub_identifiers" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "hub_identifiers_agency_case" ON "hub_identifiers" USING btree ("agency","case_id");--> statement-breakpoint
CREATE INDEX "hub_records_agency_case" ON "hub_records" USING btree ("agency","case_id");--> statement-breakpoint
CREATE INDEX "hub_seen_requests_seen_at" ON "hub_seen_requests" USING btree ("seen_at");--> statement-breakpoint
CREATE FUNCTION hub_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hub_audit is append-only: % refused', TG_OP; END $$;
--> statement-breakpoint
CREATE TRIGGER hub_audit_no_change BEFORE UPDATE OR DELETE ON hub_audit FOR EACH ROW EXECUTE FUNCTION hub_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER hub_audit_no_truncate BEFORE TRUNCATE ON hub_audit FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_append_only();
