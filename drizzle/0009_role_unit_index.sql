-- The schema declared this index in 0008, but that migration did not create it.
CREATE INDEX IF NOT EXISTS `user_roles_role_unit_idx` ON `user_roles` (`role`,`unit_id`);
