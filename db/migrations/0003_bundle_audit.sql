CREATE TABLE `bundle_audit` (
	`bundle_id` text NOT NULL,
	`seq` integer NOT NULL,
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
	`hash` text NOT NULL,
	PRIMARY KEY(`bundle_id`, `seq`),
	FOREIGN KEY (`bundle_id`) REFERENCES `bundles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bundle_audit_entity` ON `bundle_audit` (`entity_id`);