import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkWorkerSheet, IMPORT_HEADERS, MAX_IMPORT_ROWS, SKILL_LEVEL_LABELS, type ImportRecord } from '$lib/domain/worker-import';

const ZH_HEADER = ['单位代码', '工号', '姓名', '性别', '工种', '技能等级', '手机号'];

const record = (row: number, over: Partial<ImportRecord> = {}): ImportRecord => ({
	row,
	unitCode: 'T1',
	employeeNo: '1001',
	name: '张三',
	gender: null,
	trade: '',
	skillLevel: 'none',
	phone: null,
	...over
});

describe('checkWorkerSheet: headers', () => {
	it('reads the Chinese template header', () => {
		const { records, problems } = checkWorkerSheet([ZH_HEADER, ['T1', '1001', '张三', '男', '电工', '高级工', '13800138000']]);
		expect(problems).toEqual([]);
		expect(records).toEqual([record(2, { gender: 'male', trade: '电工', skillLevel: 'senior', phone: '13800138000' })]);
	});

	it('accepts English aliases in any case, order and spacing', () => {
		const header = ['  Mobile ', 'NAME', 'Employee   No', 'skill_level', 'Gender', 'Trade', 'Unit Code'];
		const { records, problems } = checkWorkerSheet([header, ['13900139000', '李四', 'E-7', 'Technician', 'F', 'welder', 'T2']]);
		expect(problems).toEqual([]);
		expect(records).toEqual([
			record(2, { unitCode: 'T2', employeeNo: 'E-7', name: '李四', gender: 'female', trade: 'welder', skillLevel: 'technician', phone: '13900139000' })
		]);
	});

	it('accepts every listed alias for every column', () => {
		for (const [column, labels] of Object.entries(IMPORT_HEADERS)) {
			for (const label of labels) {
				const header = ZH_HEADER.map((h, i) => (['unitCode', 'employeeNo', 'name', 'gender', 'trade', 'skillLevel', 'phone'][i] === column ? label : h));
				const { problems } = checkWorkerSheet([header, ['T1', '1001', '张三', '', '', '', '']]);
				expect(problems, `${column} as "${label}"`).toEqual([]);
			}
		}
	});

	it('reports each missing required column and no records', () => {
		expect(checkWorkerSheet([['姓名', '性别'], ['张三', '男']])).toEqual({
			records: [],
			problems: [
				{ kind: 'missing_column', column: 'unitCode' },
				{ kind: 'missing_column', column: 'employeeNo' }
			]
		});
	});

	it('only needs the three required columns', () => {
		const { records, problems } = checkWorkerSheet([['单位代码', '工号', '姓名'], ['T1', '1001', '张三']]);
		expect(problems).toEqual([]);
		expect(records).toEqual([record(2)]);
	});

	it('an empty table has no header, so every required column is missing', () => {
		expect(checkWorkerSheet([]).problems).toEqual([
			{ kind: 'missing_column', column: 'unitCode' },
			{ kind: 'missing_column', column: 'employeeNo' },
			{ kind: 'missing_column', column: 'name' }
		]);
	});

	it('a header with no data rows (or only blank ones) is empty', () => {
		expect(checkWorkerSheet([ZH_HEADER])).toEqual({ records: [], problems: [{ kind: 'empty' }] });
		expect(checkWorkerSheet([ZH_HEADER, ['', ' ', ''], []])).toEqual({ records: [], problems: [{ kind: 'empty' }] });
	});

	it('refuses more rows than the limit as a whole', () => {
		const body = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ['T1', String(i + 1), '某']);
		expect(checkWorkerSheet([['单位代码', '工号', '姓名'], ...body])).toEqual({ records: [], problems: [{ kind: 'too_many_rows', max: 20000 }] });
		expect(checkWorkerSheet([['单位代码', '工号', '姓名'], ...body.slice(1)]).records).toHaveLength(MAX_IMPORT_ROWS);
	});
});

describe('checkWorkerSheet: rows', () => {
	const check = (...rows: string[][]) => checkWorkerSheet([ZH_HEADER, ...rows]);

	it('numbers rows as the spreadsheet does, counting blank rows', () => {
		const { records, problems } = check(['T1', '1001', '甲'], [], ['', '', ''], ['T1', '1002', '乙', '?']);
		expect(records.map((r) => r.row)).toEqual([2]);
		expect(problems).toEqual([{ kind: 'bad_gender', row: 5, value: '?' }]);
	});

	it('required: each empty required cell, by column', () => {
		expect(check(['', '1001', '甲'], ['T1', '', '乙'], ['T1', '1003', '  ']).problems).toEqual([
			{ kind: 'required', row: 2, column: 'unitCode' },
			{ kind: 'required', row: 3, column: 'employeeNo' },
			{ kind: 'required', row: 4, column: 'name' }
		]);
	});

	it('too_long: name and trade over 40, codes over 32', () => {
		const long = (n: number) => 'x'.repeat(n);
		const { records, problems } = check(
			['T1', '1001', long(41)],
			['T1', '1002', '乙', '', long(41)],
			[long(33), '1003', '丙'],
			['T1', '9'.repeat(33), '丁'],
			['T1', '1005', long(40), '', long(40)]
		);
		expect(problems).toEqual([
			{ kind: 'too_long', row: 2, column: 'name', max: 40 },
			{ kind: 'too_long', row: 3, column: 'trade', max: 40 },
			{ kind: 'too_long', row: 4, column: 'unitCode', max: 32 },
			{ kind: 'too_long', row: 5, column: 'employeeNo', max: 32 }
		]);
		expect(records.map((r) => r.row)).toEqual([6]);
	});

	it('bad_employee_no: only letters, digits, _ and -', () => {
		expect(check(['T1', '10 01', '甲'], ['T1', '工1', '乙'], ['T1', 'A_1-b', '丙']).problems).toEqual([
			{ kind: 'bad_employee_no', row: 2 },
			{ kind: 'bad_employee_no', row: 3 }
		]);
	});

	it('bad_phone: an 11-digit mainland mobile number; spaces and dashes are dropped', () => {
		const { records, problems } = check(
			['T1', '1', '甲', '', '', '', '1380013800'],
			['T1', '2', '乙', '', '', '', '23800138000'],
			['T1', '3', '丙', '', '', '', '138-0013-8000'],
			['T1', '4', '丁', '', '', '', ' 139 0013 9000 '],
			['T1', '5', '戊', '', '', '', '+8613800138000']
		);
		expect(problems).toEqual([
			{ kind: 'bad_phone', row: 2 },
			{ kind: 'bad_phone', row: 3 },
			{ kind: 'bad_phone', row: 6 }
		]);
		expect(records.map((r) => [r.row, r.phone])).toEqual([
			[4, '13800138000'],
			[5, '13900139000']
		]);
	});

	it('maps gender labels and keeps the value it cannot read', () => {
		const { records, problems } = check(
			['T1', '1', 'a', '男'],
			['T1', '2', 'b', '女'],
			['T1', '3', 'c', 'Male'],
			['T1', '4', 'd', 'f'],
			['T1', '5', 'e', ''],
			['T1', '6', 'f', '未知']
		);
		expect(records.map((r) => r.gender)).toEqual(['male', 'female', 'male', 'female', null]);
		expect(problems).toEqual([{ kind: 'bad_gender', row: 7, value: '未知' }]);
	});

	it('maps skill-level labels (names and grade numbers) and keeps the value it cannot read', () => {
		const labels: [string, ImportRecord['skillLevel']][] = [
			['', 'none'],
			['无', 'none'],
			['初级工', 'junior'],
			['五级', 'junior'],
			['中级工', 'intermediate'],
			['四级', 'intermediate'],
			['高级工', 'senior'],
			['三级', 'senior'],
			['技师', 'technician'],
			['二级', 'technician'],
			['高级技师', 'senior_technician'],
			['初级', 'junior'],
			['中级', 'intermediate'],
			['高级', 'senior'],
			['一级', 'senior_technician'],
			['Senior  Technician', 'senior_technician'],
			['JUNIOR', 'junior']
		];
		const { records, problems } = check(...labels.map(([label], i) => ['T1', String(i + 1), '某', '', '', label]), ['T1', '99', '某', '', '', '特级']);
		expect(records.map((r) => r.skillLevel)).toEqual(labels.map(([, level]) => level));
		expect(problems).toEqual([{ kind: 'bad_skill_level', row: labels.length + 2, value: '特级' }]);
	});

	it('every listed skill-level label maps to its own level, and no label belongs to two levels', () => {
		const entries = Object.entries(SKILL_LEVEL_LABELS).flatMap(([level, labels]) => labels.map((label) => [label, level] as const));
		const { records, problems } = check(...entries.map(([label], i) => ['T1', String(i + 1), '某', '', '', label]));
		expect(problems).toEqual([]);
		expect(records.map((r) => r.skillLevel)).toEqual(entries.map(([, level]) => level));
		const normalised = entries.map(([label]) => label.trim().toLowerCase());
		expect(new Set(normalised).size).toBe(normalised.length);
	});

	it('duplicate_in_file: same unit code and employee number, pointing at the first row', () => {
		const { records, problems } = check(['T1', '1001', '甲'], ['T2', '1001', '乙'], ['T1', '1002', '丙'], ['T1', '1001', '丁'], ['T1', '1001', '戊']);
		expect(problems).toEqual([
			{ kind: 'duplicate_in_file', row: 5, firstRow: 2 },
			{ kind: 'duplicate_in_file', row: 6, firstRow: 2 }
		]);
		expect(records.map((r) => r.row)).toEqual([2, 3, 4]);
	});

	it('reports every problem of a row and leaves the row out of the records', () => {
		const { records, problems } = check(['', 'a b', '', 'x', '', 'y', '123']);
		expect(records).toEqual([]);
		expect(problems).toEqual([
			{ kind: 'required', row: 2, column: 'unitCode' },
			{ kind: 'required', row: 2, column: 'name' },
			{ kind: 'bad_employee_no', row: 2 },
			{ kind: 'bad_phone', row: 2 },
			{ kind: 'bad_gender', row: 2, value: 'x' },
			{ kind: 'bad_skill_level', row: 2, value: 'y' }
		]);
	});

	it('trims cells and treats short rows as blank cells', () => {
		expect(check([' T1 ', ' 1001 ', ' 张三 ']).records).toEqual([record(2)]);
	});
});

describe('checkWorkerSheet: properties', () => {
	const cell = fc.oneof(
		fc.string({ maxLength: 6 }),
		fc.constantFrom('', ' ', 'T1', 'T2', '1001', '1002', '张三', '男', '女', '高级工', '13800138000', '工号', '姓名', '单位代码')
	);
	const header = fc.oneof(fc.constant(ZH_HEADER), fc.shuffledSubarray(ZH_HEADER), fc.array(cell, { maxLength: 8 }));
	const body = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 });

	it('never throws; every record and problem row lies within the table; no row is both', () => {
		fc.assert(
			fc.property(header, body, (h, b) => {
				const table = [h, ...b];
				const { records, problems } = checkWorkerSheet(table);
				const problemRows = new Set<number>();
				for (const p of problems) {
					if ('row' in p) {
						expect(p.row).toBeGreaterThanOrEqual(2);
						expect(p.row).toBeLessThanOrEqual(table.length);
						problemRows.add(p.row);
					}
					if (p.kind === 'duplicate_in_file') expect(p.firstRow).toBeLessThan(p.row);
				}
				const rows = records.map((r) => r.row);
				expect(rows).toEqual([...rows].sort((x, y) => x - y));
				expect(new Set(rows).size).toBe(rows.length);
				for (const r of records) {
					expect(r.row).toBeGreaterThanOrEqual(2);
					expect(r.row).toBeLessThanOrEqual(table.length);
					expect(problemRows.has(r.row)).toBe(false);
					expect(r.unitCode).not.toBe('');
					expect(r.employeeNo).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
					expect(r.name).not.toBe('');
				}
			})
		);
	});

	it('a valid sheet yields one record per non-blank row in order', () => {
		const row = fc.record({
			unit: fc.constantFrom('T1', 'T2', 'W-3'),
			name: fc.constantFrom('张三', 'Li Si', '王五'),
			gender: fc.constantFrom('', '男', '女'),
			level: fc.constantFrom('', '初级工', '技师'),
			blank: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(row, { maxLength: 30 }), (spec) => {
				const body = spec.map((s, i) => (s.blank ? ['', '', ''] : [s.unit, `N${i}`, s.name, s.gender, '', s.level, '']));
				const { records, problems } = checkWorkerSheet([ZH_HEADER, ...body]);
				const expectedRows = spec.flatMap((s, i) => (s.blank ? [] : [i + 2]));
				if (expectedRows.length === 0) expect(problems).toEqual([{ kind: 'empty' }]);
				else expect(problems).toEqual([]);
				expect(records.map((r) => r.row)).toEqual(expectedRows);
			})
		);
	});
});
