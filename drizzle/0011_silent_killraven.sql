CREATE TABLE `stage_tallies` (
	`stage_id` integer PRIMARY KEY NOT NULL,
	`entries` integer DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `stage_tallies` (`stage_id`, `entries`, `scored`) SELECT `stage_id`, count(*), count(`sort_key`) FROM `standings` GROUP BY `stage_id`;
--> statement-breakpoint
CREATE TRIGGER `standings_tally_insert` AFTER INSERT ON `standings` BEGIN
	INSERT INTO `stage_tallies` (`stage_id`, `entries`, `scored`) VALUES (NEW.`stage_id`, 1, NEW.`sort_key` IS NOT NULL)
		ON CONFLICT (`stage_id`) DO UPDATE SET `entries` = `entries` + 1, `scored` = `scored` + excluded.`scored`;
END;
--> statement-breakpoint
CREATE TRIGGER `standings_tally_delete` AFTER DELETE ON `standings` BEGIN
	UPDATE `stage_tallies` SET `entries` = `entries` - 1, `scored` = `scored` - (OLD.`sort_key` IS NOT NULL) WHERE `stage_id` = OLD.`stage_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `standings_tally_update` AFTER UPDATE OF `stage_id`, `sort_key` ON `standings`
	WHEN OLD.`stage_id` <> NEW.`stage_id` OR (OLD.`sort_key` IS NULL) <> (NEW.`sort_key` IS NULL) BEGIN
	UPDATE `stage_tallies` SET `entries` = `entries` - 1, `scored` = `scored` - (OLD.`sort_key` IS NOT NULL) WHERE `stage_id` = OLD.`stage_id`;
	INSERT INTO `stage_tallies` (`stage_id`, `entries`, `scored`) VALUES (NEW.`stage_id`, 1, NEW.`sort_key` IS NOT NULL)
		ON CONFLICT (`stage_id`) DO UPDATE SET `entries` = `entries` + 1, `scored` = `scored` + excluded.`scored`;
END;
