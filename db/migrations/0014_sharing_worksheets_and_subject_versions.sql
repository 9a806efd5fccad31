CREATE TABLE `sharing_worksheets` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`work_hours` integer DEFAULT 0 NOT NULL,
	`originated_information` integer DEFAULT 0 NOT NULL,
	`unique_assistance` text DEFAULT '' NOT NULL,
	`foreign_assistance` text DEFAULT '' NOT NULL,
	`other` text DEFAULT '' NOT NULL,
	`requested_share_bps` integer,
	`submitted_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sharing_worksheets_case_agency` ON `sharing_worksheets` (`case_id`,`agency_id`);--> statement-breakpoint
ALTER TABLE `subjects` ADD `updated_at` text;