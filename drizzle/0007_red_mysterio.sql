CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`metric` text NOT NULL,
	`goal` real NOT NULL,
	`set_by_unit_id` integer,
	`set_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_unit_year_metric_uq` ON `targets` (`unit_id`,`year`,`metric`);--> statement-breakpoint
CREATE INDEX `targets_year_idx` ON `targets` (`year`);--> statement-breakpoint
CREATE INDEX `proposal_events_to_idx` ON `proposal_events` (`to_status`,`at`);--> statement-breakpoint
CREATE INDEX `proposals_merged_into_idx` ON `proposals` (`merged_into_id`);