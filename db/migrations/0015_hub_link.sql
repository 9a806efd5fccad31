CREATE TABLE `hub_link` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`signing_key_id` text NOT NULL,
	`confirmed_at` text,
	`last_sync_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hub_matches` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text,
	`case_number` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`our_bundle_id` text NOT NULL,
	`our_table` text NOT NULL,
	`our_record_id` text NOT NULL,
	`their_agency` text NOT NULL,
	`their_case_number` text NOT NULL,
	`their_bundle_id` text NOT NULL,
	`their_table` text NOT NULL,
	`their_record_id` text NOT NULL,
	`synced_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hub_matches_case` ON `hub_matches` (`case_id`);--> statement-breakpoint
CREATE TABLE `hub_receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`case_id` text,
	`hub_fingerprint` text NOT NULL,
	`checkpoint` text NOT NULL,
	`entry_bytes` text NOT NULL,
	`leaf_index` integer NOT NULL,
	`tree_size` integer NOT NULL,
	`proof` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hub_receipts_bundle_size` ON `hub_receipts` (`bundle_id`,`tree_size`);