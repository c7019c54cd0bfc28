import { z } from 'zod';
import { employeeNo, gender, id, optionalPhone, optionalText, skillLevel, text } from '../validation';

export const workerSchema = z.object({
	unitId: id,
	name: text(40),
	employeeNo,
	gender,
	trade: optionalText(40),
	skillLevel,
	phone: optionalPhone
});
