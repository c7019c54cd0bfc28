import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units';

export const SKILL_LEVELS = ['none', 'junior', 'intermediate', 'senior', 'technician', 'senior_technician'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/**
 * A person who belongs to a unit. `employerId` is the nearest enterprise union
 * at or above the worker's unit: employee numbers are unique within it.
 */
export const workers = sqliteTable(
	'workers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		employerId: integer('employer_id')
			.notNull()
			.references(() => units.id),
		name: text('name').notNull(),
		employeeNo: text('employee_no').notNull(),
		gender: text('gender', { enum: ['male', 'female'] }),
		trade: text('trade').notNull().default(''),
		skillLevel: text('skill_level', { enum: SKILL_LEVELS }).notNull().default('none'),
		phone: text('phone'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('workers_employer_no_uq').on(t.employerId, t.employeeNo),
		index('workers_unit_idx').on(t.unitId),
		index('workers_phone_idx').on(t.phone),
		index('workers_employee_no_idx').on(t.employeeNo)
	]
);

export type Worker = typeof workers.$inferSelect;
