CREATE TABLE `proposal_authors` (
	`proposal_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`position` integer NOT NULL,
	`share` integer NOT NULL,
	PRIMARY KEY(`proposal_id`, `worker_id`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_authors_worker_idx` ON `proposal_authors` (`worker_id`);--> statement-breakpoint
CREATE TABLE `proposal_benefits` (
	`proposal_id` integer PRIMARY KEY NOT NULL,
	`lines` text NOT NULL,
	`annual_fen` integer NOT NULL,
	`period_from` integer NOT NULL,
	`period_to` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`assessed_by` integer NOT NULL,
	`assessed_at` integer NOT NULL,
	`confirmed_by` integer,
	`confirmed_at` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proposal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`note` text,
	`data` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_events_proposal_idx` ON `proposal_events` (`proposal_id`,`at`);--> statement-breakpoint
CREATE TABLE `proposal_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_files_proposal_idx` ON `proposal_files` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `proposal_reviews` (
	`proposal_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`assigned_by` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	`marks` text,
	`score` text,
	`recommendation` text,
	`note` text,
	`submitted_at` integer,
	PRIMARY KEY(`proposal_id`, `reviewer_id`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_reviews_reviewer_idx` ON `proposal_reviews` (`reviewer_id`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `proposal_reward_shares` (
	`reward_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`share` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	PRIMARY KEY(`reward_id`, `worker_id`),
	FOREIGN KEY (`reward_id`) REFERENCES `proposal_rewards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proposal_rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`grade_key` text NOT NULL,
	`grade_name` text NOT NULL,
	`grade_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`reason` text,
	`granted_by` integer NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_rewards_grade_uq` ON `proposal_rewards` (`proposal_id`,`grade_key`);--> statement-breakpoint
CREATE TABLE `proposal_serials` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `year`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proposal_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`deadlines` text NOT NULL,
	`reward_table` text NOT NULL,
	`scorecard` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proposal_supports` (
	`proposal_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`proposal_id`, `worker_id`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`serial` text,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`problem` text NOT NULL,
	`solution` text NOT NULL,
	`expected_benefit` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	`handling_unit_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`state_since` integer NOT NULL,
	`due_at` integer,
	`submitted_at` integer,
	`answered_at` integer,
	`merged_into_id` integer,
	`decision_note` text,
	`mean_score` text,
	`trial_from` integer,
	`benefit_fen` integer,
	`reward_grade` text,
	`reward_fen` integer DEFAULT 0 NOT NULL,
	`supports` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handling_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_serial_uq` ON `proposals` (`serial`);--> statement-breakpoint
CREATE INDEX `proposals_created_by_idx` ON `proposals` (`created_by`,`status`);--> statement-breakpoint
CREATE INDEX `proposals_handling_status_idx` ON `proposals` (`handling_unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `proposals_unit_idx` ON `proposals` (`unit_id`);--> statement-breakpoint
CREATE INDEX `proposals_submitted_idx` ON `proposals` (`submitted_at`);--> statement-breakpoint
CREATE INDEX `proposals_due_idx` ON `proposals` (`due_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`link` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`created_at`);