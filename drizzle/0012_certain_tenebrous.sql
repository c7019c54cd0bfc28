DROP INDEX `proposals_handling_status_idx`;--> statement-breakpoint
CREATE INDEX `proposals_queue_idx` ON `proposals` (`handling_unit_id`,`status`,`due_at`,`submitted_at`);