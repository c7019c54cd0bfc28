import { withoutControls } from './text';
/**
 * Pure rules for a worker spreadsheet: which column is which, and what each
 * cell may hold. Database checks (unit in scope, existing records) live in the service.
 */

export const IMPORT_COLUMNS = ['unitCode', 'employeeNo', 'name', 'gender', 'trade', 'skillLevel', 'phone'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header text accepted for each column (the template's Chinese first). */
export const IMPORT_HEADERS: Record<ImportColumn, string[]> = {
	unitCode: ['单位代码', 'unit code', 'unit_code', 'unitcode'],
	employeeNo: ['工号', 'employee no', 'employee number', 'employee_no', 'employeeno'],
	name: ['姓名', 'name'],
	gender: ['性别', 'gender'],
	trade: ['工种', 'trade'],
	skillLevel: ['技能等级', '职业技能等级', 'skill level', 'skill_level', 'skilllevel'],
	phone: ['手机号', '手机', '手机号码', 'phone', 'mobile']
};

export const REQUIRED_COLUMNS: ImportColumn[] = ['unitCode', 'employeeNo', 'name'];

export const SKILL_LEVEL_LABELS = {
	none: ['无', '', 'none'],
	junior: ['初级工', '初级', '五级', 'junior'],
	intermediate: ['中级工', '中级', '四级', 'intermediate'],
	senior: ['高级工', '高级', '三级', 'senior'],
	technician: ['技师', '二级', 'technician'],
	senior_technician: ['高级技师', '一级', 'senior technician', 'senior_technician']
} as const;
export type ImportSkillLevel = keyof typeof SKILL_LEVEL_LABELS;

const GENDERS = { male: ['男', 'male', 'm'], female: ['女', 'female', 'f'] } as const;

export type ImportProblem =
	| { kind: 'missing_column'; column: ImportColumn }
	| { kind: 'empty' }
	| { kind: 'too_many_rows'; max: number }
	| { kind: 'required'; row: number; column: ImportColumn }
	| { kind: 'too_long'; row: number; column: ImportColumn; max: number }
	| { kind: 'bad_employee_no'; row: number }
	| { kind: 'bad_phone'; row: number }
	| { kind: 'bad_gender'; row: number; value: string }
	| { kind: 'bad_skill_level'; row: number; value: string }
	| { kind: 'duplicate_in_file'; row: number; firstRow: number }
	| { kind: 'unknown_unit'; row: number; value: string }
	| { kind: 'unit_out_of_scope'; row: number; value: string }
	| { kind: 'protected_account'; row: number };

export interface ImportRecord {
	row: number;
	unitCode: string;
	employeeNo: string;
	name: string;
	gender: 'male' | 'female' | null;
	trade: string;
	skillLevel: ImportSkillLevel;
	phone: string | null;
}

export const MAX_IMPORT_ROWS = 20000;
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function lookup<K extends string>(table: Record<K, readonly string[]>, value: string): K | undefined {
	const v = norm(value);
	return (Object.keys(table) as K[]).find((k) => table[k].some((label) => norm(label) === v));
}

/**
 * Checks a whole sheet (first row = headers). Returns every record and every
 * problem; the caller imports nothing unless `problems` is empty.
 * Row numbers are the spreadsheet's own (the header is row 1).
 */
export function checkWorkerSheet(table: string[][]): { records: ImportRecord[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	const [header = [], ...body] = table;
	const index = {} as Record<ImportColumn, number>;
	for (const column of IMPORT_COLUMNS) {
		index[column] = header.findIndex((h) => IMPORT_HEADERS[column].some((label) => norm(label) === norm(h ?? '')));
	}
	for (const column of REQUIRED_COLUMNS) if (index[column] < 0) problems.push({ kind: 'missing_column', column });
	if (problems.length) return { records: [], problems };

	const rows = body.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => (c ?? '').trim() !== ''));
	if (rows.length === 0) return { records: [], problems: [{ kind: 'empty' }] };
	if (rows.length > MAX_IMPORT_ROWS) return { records: [], problems: [{ kind: 'too_many_rows', max: MAX_IMPORT_ROWS }] };

	const records: ImportRecord[] = [];
	const seen = new Map<string, number>();
	for (const { cells, row } of rows) {
		const cell = (c: ImportColumn) => (index[c] >= 0 ? withoutControls(cells[index[c]] ?? '').trim() : '');
		const before = problems.length;
		for (const column of REQUIRED_COLUMNS) if (!cell(column)) problems.push({ kind: 'required', row, column });
		const limits: [ImportColumn, number][] = [['name', 40], ['trade', 40], ['unitCode', 32], ['employeeNo', 32]];
		for (const [column, max] of limits) if (cell(column).length > max) problems.push({ kind: 'too_long', row, column, max });
		const employeeNo = cell('employeeNo');
		if (employeeNo && !/^[A-Za-z0-9_-]+$/.test(employeeNo)) problems.push({ kind: 'bad_employee_no', row });
		const phone = cell('phone').replace(/[\s-]/g, '');
		if (phone && !/^1[3-9]\d{9}$/.test(phone)) problems.push({ kind: 'bad_phone', row });
		const genderText = cell('gender');
		const gender = genderText ? lookup(GENDERS, genderText) : null;
		if (gender === undefined) problems.push({ kind: 'bad_gender', row, value: genderText });
		const skillText = cell('skillLevel');
		const skillLevel = lookup(SKILL_LEVEL_LABELS, skillText);
		if (skillLevel === undefined) problems.push({ kind: 'bad_skill_level', row, value: skillText });
		const key = `${cell('unitCode')}\u0000${employeeNo}`;
		if (employeeNo && seen.has(key)) problems.push({ kind: 'duplicate_in_file', row, firstRow: seen.get(key)! });
		else seen.set(key, row);
		if (problems.length === before) {
			records.push({
				row,
				unitCode: cell('unitCode'),
				employeeNo,
				name: cell('name'),
				gender: gender ?? null,
				trade: cell('trade'),
				skillLevel: skillLevel!,
				phone: phone || null
			});
		}
	}
	return { records, problems };
}
