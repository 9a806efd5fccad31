CREATE TABLE `entity_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`decided_by` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`undone_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entity_merges_case` ON `entity_merges` (`case_id`,`kind`,`status`);--> statement-breakpoint
CREATE INDEX `entity_merges_merged` ON `entity_merges` (`merged_id`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`import_id` text NOT NULL,
	`account_id` text NOT NULL,
	`currency` text NOT NULL,
	`opening_minor` text,
	`opening_date` text,
	`closing_minor` text,
	`closing_date` text,
	`moved_minor` text NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`first_date` text,
	`last_date` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `statements_account` ON `statements` (`case_id`,`account_id`,`opening_date`);--> statement-breakpoint
CREATE TABLE `transfer_links` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`debit_tx_id` text NOT NULL,
	`credit_tx_id` text NOT NULL,
	`score` integer NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`decided_by` text DEFAULT '' NOT NULL,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`debit_tx_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`credit_tx_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_links_pair` ON `transfer_links` (`debit_tx_id`,`credit_tx_id`);--> statement-breakpoint
CREATE INDEX `transfer_links_case` ON `transfer_links` (`case_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfer_links_credit` ON `transfer_links` (`credit_tx_id`);