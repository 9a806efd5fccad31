ALTER TABLE `asset_links` ADD `amount_minor` integer;--> statement-breakpoint
ALTER TABLE `asset_links` ADD `currency` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `status_on` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `returned_to` text;--> statement-breakpoint
CREATE INDEX `assets_seized_on` ON `assets` (`seized_on`);--> statement-breakpoint
CREATE INDEX `assets_seizing_agency` ON `assets` (`seizing_agency_id`);