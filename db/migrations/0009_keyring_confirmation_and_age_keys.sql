ALTER TABLE `keyring` ADD `confirmed_at` text;--> statement-breakpoint
ALTER TABLE `keyring` ADD `age_recipient` text;--> statement-breakpoint
ALTER TABLE `signing_keys` ADD `age_identity` text;--> statement-breakpoint
ALTER TABLE `signing_keys` ADD `age_recipient` text;