CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`holder_subject_id` text,
	`holder_name` text DEFAULT '' NOT NULL,
	`institution` text DEFAULT '' NOT NULL,
	`identifier` text NOT NULL,
	`identifier_norm` text NOT NULL,
	`currency` text NOT NULL,
	`external` integer DEFAULT false NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`holder_subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_case_identifier` ON `accounts` (`case_id`,`identifier_norm`);--> statement-breakpoint
CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`jurisdiction` text DEFAULT '' NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_code_unique` ON `agencies` (`code`);--> statement-breakpoint
CREATE TABLE `case_participants` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`role` text DEFAULT 'participant' NOT NULL,
	`hours` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_participants_case_agency` ON `case_participants` (`case_id`,`agency_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`lead_agency_id` text,
	`opened_on` text,
	`closed_on` text,
	`summary` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`lead_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_number_unique` ON `cases` (`number`);--> statement-breakpoint
CREATE TABLE `subjects` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`identifiers` text DEFAULT '[]' NOT NULL,
	`born_on` text,
	`country` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subjects_case` ON `subjects` (`case_id`);--> statement-breakpoint
CREATE TABLE `csv_mappings` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`header_signature` text NOT NULL,
	`mapping` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `csv_mappings_name_unique` ON `csv_mappings` (`name`);--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` text PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`line` integer NOT NULL,
	`raw` text NOT NULL,
	`reason` text NOT NULL,
	`kind` text DEFAULT 'rejected' NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_rejects_import` ON `import_rejects` (`import_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`file_size` integer DEFAULT 0 NOT NULL,
	`format` text NOT NULL,
	`mapping` text DEFAULT '{}' NOT NULL,
	`account_id` text,
	`imported_count` integer DEFAULT 0 NOT NULL,
	`duplicate_count` integer DEFAULT 0 NOT NULL,
	`rejected_count` integer DEFAULT 0 NOT NULL,
	`actor` text DEFAULT '' NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imports_case_sha` ON `imports` (`case_id`,`file_sha256`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`from_account_id` text,
	`to_account_id` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`occurred_at` text NOT NULL,
	`value_date` text,
	`method` text DEFAULT 'other' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`memo` text DEFAULT '' NOT NULL,
	`counterparty_name` text DEFAULT '' NOT NULL,
	`balance_after_minor` integer,
	`import_id` text,
	`seq` integer NOT NULL,
	`fingerprint` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `transactions_case_time` ON `transactions` (`case_id`,`occurred_at`,`seq`);--> statement-breakpoint
CREATE INDEX `transactions_from` ON `transactions` (`from_account_id`);--> statement-breakpoint
CREATE INDEX `transactions_to` ON `transactions` (`to_account_id`);--> statement-breakpoint
CREATE INDEX `transactions_fingerprint` ON `transactions` (`case_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `transactions_reference` ON `transactions` (`case_id`,`reference`);--> statement-breakpoint
CREATE TABLE `taint_marks` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`transaction_id` text NOT NULL,
	`label` text DEFAULT 'tainted' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `taint_marks_tx_label` ON `taint_marks` (`transaction_id`,`label`);--> statement-breakpoint
CREATE INDEX `taint_marks_case` ON `taint_marks` (`case_id`);--> statement-breakpoint
CREATE TABLE `traces` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`method` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`marked` text NOT NULL,
	`data_version` text NOT NULL,
	`result` text NOT NULL,
	`actor` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `traces_case` ON `traces` (`case_id`);--> statement-breakpoint
CREATE TABLE `asset_links` (
	`id` text PRIMARY KEY NOT NULL,
	`asset_id` text NOT NULL,
	`account_id` text,
	`transaction_id` text,
	`trace_id` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trace_id`) REFERENCES `traces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `asset_links_asset` ON `asset_links` (`asset_id`);--> statement-breakpoint
CREATE TABLE `asset_status_events` (
	`id` text PRIMARY KEY NOT NULL,
	`asset_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`occurred_on` text NOT NULL,
	`order_reference` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `asset_status_events_asset` ON `asset_status_events` (`asset_id`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`description` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`seizing_agency_id` text,
	`seized_on` text NOT NULL,
	`seized_place` text DEFAULT '' NOT NULL,
	`legal_authority` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'seized' NOT NULL,
	`disposition` text,
	`currency` text NOT NULL,
	`value_seized_minor` integer DEFAULT 0 NOT NULL,
	`value_appraised_minor` integer,
	`appraised_on` text,
	`appraiser` text,
	`value_realised_minor` integer,
	`costs_minor` integer DEFAULT 0 NOT NULL,
	`deductions_minor` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seizing_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assets_case` ON `assets` (`case_id`);--> statement-breakpoint
CREATE INDEX `assets_status` ON `assets` (`status`);--> statement-breakpoint
CREATE TABLE `custody_events` (
	`id` text PRIMARY KEY NOT NULL,
	`asset_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurred_at` text NOT NULL,
	`from_custodian` text DEFAULT '' NOT NULL,
	`to_custodian` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`locker` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`witness` text DEFAULT '' NOT NULL,
	`corrects_event_id` text,
	`actor` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `custody_events_asset` ON `custody_events` (`asset_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `sharing_distributions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`asset_id` text,
	`currency` text NOT NULL,
	`net_minor` integer NOT NULL,
	`policy` text NOT NULL,
	`result` text NOT NULL,
	`actor` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `exhibits` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text DEFAULT 'application/octet-stream' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`target_kind` text DEFAULT 'case' NOT NULL,
	`target_id` text,
	`actor` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exhibits_case` ON `exhibits` (`case_id`);--> statement-breakpoint
CREATE INDEX `exhibits_sha` ON `exhibits` (`sha256`);--> statement-breakpoint
CREATE TABLE `bundles` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`case_number` text NOT NULL,
	`case_id` text,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer DEFAULT 0 NOT NULL,
	`sender_agency` text NOT NULL,
	`sender_fingerprint` text NOT NULL,
	`recipients` text DEFAULT '[]' NOT NULL,
	`previous_bundle_id` text,
	`report` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bundles_case` ON `bundles` (`case_number`);--> statement-breakpoint
CREATE TABLE `keyring` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_name` text NOT NULL,
	`public_key` text NOT NULL,
	`key_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`revoked_at` text,
	`revoked_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keyring_fingerprint_unique` ON `keyring` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `provenance` (
	`record_id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`bundle_id` text NOT NULL,
	`agency` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `provenance_bundle` ON `provenance` (`bundle_id`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_name` text NOT NULL,
	`public_key` text NOT NULL,
	`key_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`secret_key` text NOT NULL,
	`protection` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`agency` text NOT NULL,
	`method` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`case_id` text,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_id_unique` ON `audit_log` (`id`);--> statement-breakpoint
CREATE INDEX `audit_log_case` ON `audit_log` (`case_id`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
