CREATE TABLE `appeals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`filed_by` integer NOT NULL,
	`reason` text NOT NULL,
	`attachment_name` text,
	`attachment_type` text,
	`attachment` blob,
	`status` text DEFAULT 'open' NOT NULL,
	`ruling` text,
	`ruled_by` integer,
	`ruled_at` integer,
	`reopened` text,
	`filed_at` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `result_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ruled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appeals_version_entry_uq` ON `appeals` (`version_id`,`entry_id`);--> statement-breakpoint
CREATE TABLE `award_points` (
	`tier` integer PRIMARY KEY NOT NULL,
	`points` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`tier` integer NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `result_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `awards_code_uq` ON `awards` (`code`);--> statement-breakpoint
CREATE INDEX `awards_event_idx` ON `awards` (`event_id`);--> statement-breakpoint
CREATE INDEX `awards_entry_idx` ON `awards` (`entry_id`);--> statement-breakpoint
CREATE TABLE `frozen_boards` (
	`stage_id` integer PRIMARY KEY NOT NULL,
	`frozen_at` integer NOT NULL,
	`frozen_by` integer,
	`board` text NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`frozen_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `honours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`worker_id` integer NOT NULL,
	`title` text NOT NULL,
	`unit_id` integer,
	`award_id` integer,
	`conferred_on` text NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `honours_worker_idx` ON `honours` (`worker_id`);--> statement-breakpoint
CREATE TABLE `result_rows` (
	`version_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`rank` integer,
	`total` text NOT NULL,
	`own` text NOT NULL,
	`previous` text,
	`modules` text NOT NULL,
	`criteria` text NOT NULL,
	`standardised` text,
	`award_tier` integer,
	`award_name` text,
	`excellent` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`version_id`, `entry_id`),
	FOREIGN KEY (`version_id`) REFERENCES `result_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `result_rows_version_rank_idx` ON `result_rows` (`version_id`,`rank`);--> statement-breakpoint
CREATE TABLE `result_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stage_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`notice_starts_at` integer,
	`notice_ends_at` integer,
	`show_names` integer DEFAULT false NOT NULL,
	`reason` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`rows_hash` text,
	`published_at` integer,
	`published_by` integer,
	`finalised_at` integer,
	`finalised_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finalised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `result_versions_stage_version_uq` ON `result_versions` (`stage_id`,`version`);--> statement-breakpoint
CREATE TABLE `standing_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stage_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`at` integer NOT NULL,
	`total` text NOT NULL,
	`complete` integer NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `standing_history_stage_idx` ON `standing_history` (`stage_id`,`at`);--> statement-breakpoint
ALTER TABLE `events` ADD `award_rule` text;--> statement-breakpoint
ALTER TABLE `events` ADD `excellence_min` text;--> statement-breakpoint
ALTER TABLE `events` ADD `excellence_name` text DEFAULT '优秀奖' NOT NULL;