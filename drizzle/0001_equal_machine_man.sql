ALTER TABLE `audit_log` ADD `unit_id` integer;--> statement-breakpoint
CREATE INDEX `audit_unit_idx` ON `audit_log` (`unit_id`,`id`);