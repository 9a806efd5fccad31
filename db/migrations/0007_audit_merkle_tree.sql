CREATE TABLE `audit_checkpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`origin` text NOT NULL,
	`tree_size` integer NOT NULL,
	`root_hash` text NOT NULL,
	`time` text NOT NULL,
	`note` text NOT NULL,
	`local` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_checkpoints_origin` ON `audit_checkpoints` (`origin`,`tree_size`);--> statement-breakpoint
CREATE TABLE `audit_tree` (
	`node` integer PRIMARY KEY NOT NULL,
	`hash` blob NOT NULL
);
