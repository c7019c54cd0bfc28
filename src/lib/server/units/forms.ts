import { z } from 'zod';
import { id, text, unitCode, unitType } from '../validation';

export const unitSchema = z.object({ parentId: id, type: unitType, code: unitCode, name: text(60) });

/** Editing: the root of the tree has no parent. */
export const unitUpdateSchema = unitSchema.extend({
	parentId: z.union([z.literal(''), id]).transform((v) => (v === '' ? null : v))
});
