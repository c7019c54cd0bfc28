CREATE TABLE `assessment_sheets` (
	`year` integer PRIMARY KEY NOT NULL,
	`indicators` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `model_profiles` (
	`worker_id` integer PRIMARY KEY NOT NULL,
	`story` text DEFAULT '' NOT NULL,
	`photo` blob,
	`photo_type` text,
	`consent_at` integer,
	`approved_by` integer,
	`approved_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `studio_achievements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`studio_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`on` text NOT NULL,
	`number` text,
	`patent_type` text,
	`count` integer,
	`benefit_fen` integer,
	`proposal_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studio_achievements_studio_idx` ON `studio_achievements` (`studio_id`,`on`);--> statement-breakpoint
CREATE UNIQUE INDEX `studio_achievements_proposal_uq` ON `studio_achievements` (`studio_id`,`proposal_id`);--> statement-breakpoint
CREATE TABLE `studio_assessments` (
	`studio_id` integer NOT NULL,
	`year` integer NOT NULL,
	`incidents` text NOT NULL,
	`total` text,
	`lines` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`studio_id`, `year`),
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `studio_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`studio_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`level` text,
	`note` text,
	`data` text,
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studio_events_studio_idx` ON `studio_events` (`studio_id`,`at`);--> statement-breakpoint
CREATE TABLE `studio_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`studio_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studio_files_studio_idx` ON `studio_files` (`studio_id`);--> statement-breakpoint
CREATE TABLE `studio_members` (
	`studio_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`joined_on` text NOT NULL,
	PRIMARY KEY(`studio_id`, `worker_id`),
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studio_members_worker_idx` ON `studio_members` (`worker_id`);--> statement-breakpoint
CREATE TABLE `studio_review_marks` (
	`studio_id` integer NOT NULL,
	`year` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`marks` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`studio_id`, `year`, `purpose`, `reviewer_id`),
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `studio_reviewers` (
	`studio_id` integer NOT NULL,
	`year` integer NOT NULL,
	`purpose` text NOT NULL,
	`reviewer_id` integer NOT NULL,
	`assigned_by` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`studio_id`, `year`, `purpose`, `reviewer_id`),
	FOREIGN KEY (`studio_id`) REFERENCES `studios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studio_reviewers_reviewer_idx` ON `studio_reviewers` (`reviewer_id`);--> statement-breakpoint
CREATE TABLE `studio_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`leader_honours` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `studios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`level` text NOT NULL,
	`unit_id` integer NOT NULL,
	`leader_worker_id` integer NOT NULL,
	`field` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`founded_on` text NOT NULL,
	`funding_fen` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`designated_on` text,
	`certificate_no` text,
	`designated_by` text,
	`next_reassess_on` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studios_unit_idx` ON `studios` (`unit_id`);--> statement-breakpoint
CREATE INDEX `studios_status_idx` ON `studios` (`status`,`level`,`type`);--> statement-breakpoint
CREATE UNIQUE INDEX `studios_certificate_uq` ON `studios` (`certificate_no`);--> statement-breakpoint
CREATE TABLE `unit_honours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`year` integer NOT NULL,
	`body` text NOT NULL,
	`citation` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_honours_unit_idx` ON `unit_honours` (`unit_id`);--> statement-breakpoint
ALTER TABLE `honours` ADD `kind` text DEFAULT 'contest' NOT NULL;--> statement-breakpoint
ALTER TABLE `honours` ADD `body` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `honours` ADD `citation` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `honours` ADD `recorded_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `honours` ADD `revoked_reason` text;