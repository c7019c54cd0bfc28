CREATE TABLE `competitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`registration_opens` text NOT NULL,
	`registration_closes` text NOT NULL,
	`rules` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competitions_unit_idx` ON `competitions` (`unit_id`);--> statement-breakpoint
CREATE INDEX `competitions_status_idx` ON `competitions` (`status`);--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	`team_name` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`code` text,
	`registered_by` integer,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	`note` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entries_event_status_idx` ON `entries` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `entries_worker_idx` ON `entries` (`worker_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `entries_event_code_uq` ON `entries` (`event_id`,`code`);--> statement-breakpoint
CREATE TABLE `entry_members` (
	`entry_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`captain` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`entry_id`, `worker_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entry_members_event_worker_uq` ON `entry_members` (`event_id`,`worker_id`);--> statement-breakpoint
CREATE TABLE `event_judges` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`chief` integer DEFAULT false NOT NULL,
	`appointed_by` integer,
	`appointed_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_judges_seat_uq` ON `event_judges` (`event_id`,`seat`);--> statement-breakpoint
CREATE INDEX `event_judges_user_idx` ON `event_judges` (`user_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`competition_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'individual' NOT NULL,
	`trade` text DEFAULT '' NOT NULL,
	`team_min` integer DEFAULT 1 NOT NULL,
	`team_max` integer DEFAULT 1 NOT NULL,
	`quota_per_unit` integer,
	`code_prefix` text DEFAULT '' NOT NULL,
	`draw_seed` text,
	`drawn_at` integer,
	`drawn_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`drawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_competition_idx` ON `events` (`competition_id`);--> statement-breakpoint
CREATE TABLE `recusals` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`, `entry_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scheme_aspects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`max` text NOT NULL,
	`step` text NOT NULL,
	`difficulty` text,
	`descriptors` text,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`criterion_id`) REFERENCES `scheme_criteria`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheme_aspects_code_uq` ON `scheme_aspects` (`scheme_id`,`code`);--> statement-breakpoint
CREATE INDEX `scheme_aspects_criterion_idx` ON `scheme_aspects` (`criterion_id`);--> statement-breakpoint
CREATE TABLE `scheme_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`module_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`module_id`) REFERENCES `scheme_modules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scheme_criteria_module_idx` ON `scheme_criteria` (`module_id`);--> statement-breakpoint
CREATE TABLE `scheme_modules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`weight` text DEFAULT '100' NOT NULL,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scheme_modules_scheme_idx` ON `scheme_modules` (`scheme_id`);--> statement-breakpoint
CREATE TABLE `schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`competition_id` integer NOT NULL,
	`family_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`name` text NOT NULL,
	`method` text DEFAULT 'mean' NOT NULL,
	`trim` integer DEFAULT 0 NOT NULL,
	`combine` text DEFAULT 'mean' NOT NULL,
	`factor` text DEFAULT '1' NOT NULL,
	`decimals` integer DEFAULT 2 NOT NULL,
	`round_at` text DEFAULT 'total' NOT NULL,
	`judgement_spread` integer DEFAULT 1 NOT NULL,
	`locked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`competition_id`) REFERENCES `competitions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `schemes_competition_idx` ON `schemes` (`competition_id`);--> statement-breakpoint
CREATE TABLE `stage_entries` (
	`stage_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`time` text,
	`difficulty` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`stage_id`, `entry_id`),
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stage_entries_entry_idx` ON `stage_entries` (`entry_id`);--> statement-breakpoint
CREATE TABLE `stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`scheme_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`carry_mode` text DEFAULT 'none' NOT NULL,
	`carry_pct` text DEFAULT '0' NOT NULL,
	`own_pct` text DEFAULT '100' NOT NULL,
	`advance_kind` text DEFAULT 'all' NOT NULL,
	`advance_count` integer,
	`advance_min` text,
	`tie_breaks` text DEFAULT '[]' NOT NULL,
	`locked_at` integer,
	`locked_by` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stages_event_position_uq` ON `stages` (`event_id`,`position`);--> statement-breakpoint
CREATE TABLE `marks` (
	`sheet_id` integer NOT NULL,
	`aspect_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`sheet_id`, `aspect_id`),
	FOREIGN KEY (`sheet_id`) REFERENCES `sheets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`aspect_id`) REFERENCES `scheme_aspects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stage_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sheets_stage_entry_judge_uq` ON `sheets` (`stage_id`,`entry_id`,`judge_id`);--> statement-breakpoint
CREATE INDEX `sheets_judge_stage_idx` ON `sheets` (`judge_id`,`stage_id`);--> statement-breakpoint
CREATE TABLE `standings` (
	`stage_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`complete` integer NOT NULL,
	`total` text NOT NULL,
	`own` text NOT NULL,
	`previous` text,
	`modules` text NOT NULL,
	`flags` text NOT NULL,
	`sort_key` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`stage_id`, `entry_id`),
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `standings_stage_key_idx` ON `standings` (`stage_id`,`sort_key`);