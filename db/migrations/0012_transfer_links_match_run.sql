ALTER TABLE `transfer_links` ADD `match_run` text;--> statement-breakpoint
CREATE INDEX `transfer_links_run` ON `transfer_links` (`match_run`);