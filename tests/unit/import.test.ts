import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { importWorkers, workerSheet, workerTemplate } from '$lib/server/people/import';
import { listWorkers } from '$lib/server/people';
import { readSheet, writeCsv } from '$lib/server/people/sheet-file';
import { checkWorkerSheet } from '$lib/domain/worker-import';
import { userRoles, workers } from '$lib/server/db/schema';
import { ForbiddenError, NotSignedInError, RuleError } from '$lib/server/errors';
import { auditSince, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';

const UNREADABLE = '无法读取该文件，请上传 .xlsx 或 .csv 文件';
const HEADER = '单位代码,工号,姓名,性别,工种,技能等级,手机号';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

const csvFile = (text: string, name = 'workers.csv') => new File([text], name, { type: 'text/csv' });
const allWorkers = () => f.db.select().from(workers).orderBy(workers.id).all();
const byNo = (employerId: number, no: string) =>
	f.db
		.select()
		.from(workers)
		.where(eq(workers.employerId, employerId))
		.all()
		.find((w) => w.employeeNo === no);

async function xlsxFile(rows: (string | number | null)[][], name = 'workers.xlsx'): Promise<File> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('职工');
	for (const r of rows) ws.addRow(r);
	wb.addWorksheet('说明').addRow(['这一页不导入']);
	const buffer = await wb.xlsx.writeBuffer();
	return new File([new Uint8Array(buffer as ArrayBuffer)], name);
}

/**
 * GB18030 bytes for a string. iconv-lite is not installed here, so the table is
 * built from the platform's own GB18030 decoder (two-byte range, which covers
 * every character these tests use); ASCII passes through.
 */
let gbTable: Map<string, number[]> | undefined;
function encodeGb18030(text: string): Uint8Array<ArrayBuffer> {
	if (!gbTable) {
		gbTable = new Map();
		const decoder = new TextDecoder('gb18030');
		for (let a = 0x81; a <= 0xfe; a++) {
			for (let b = 0x40; b <= 0xfe; b++) {
				if (b === 0x7f) continue;
				const ch = decoder.decode(new Uint8Array([a, b]));
				if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
			}
		}
	}
	const out: number[] = [];
	for (const ch of text) {
		if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
		else {
			const bytes = gbTable.get(ch);
			if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
			out.push(...bytes);
		}
	}
	return new Uint8Array(out);
}

const GOOD_CSV = [HEADER, 'TA1,1101,郑一,男,钳工,高级工,13600000001', 'WA1,1102,郑二,女,,中级工,', 'TA1,1002,王五,男,车工,技师,13600000003'].join('\n');

describe('importWorkers', () => {
	it('creates new workers, updates one on record, audits every change', async () => {
		const before = lastAuditId(f.db);
		const count0 = allWorkers().length;
		const report = await importWorkers(f.db, f.actors.officerEA1, csvFile(GOOD_CSV));
		expect(report).toEqual({ created: 2, updated: 1, unchanged: 0, problems: [] });
		expect(allWorkers()).toHaveLength(count0 + 2);
		const w1 = byNo(f.u.EA1.id, '1101')!;
		expect(w1).toMatchObject({ unitId: f.u.TA1.id, name: '郑一', gender: 'male', trade: '钳工', skillLevel: 'senior', phone: '13600000001' });
		expect(byNo(f.u.EA1.id, '1102')).toMatchObject({ unitId: f.u.WA1.id, gender: 'female', trade: '', skillLevel: 'intermediate', phone: null });
		const updated = byNo(f.u.EA1.id, '1002')!;
		expect(updated.id).toBe(f.w.ta1b.id);
		expect(updated).toMatchObject({ gender: 'male', trade: '车工', skillLevel: 'technician', phone: '13600000003' });

		const audit = auditSince(f.db, before);
		const created = allWorkers().filter((w) => w.id > f.w.tb1a.id);
		expect(audit.filter((r) => r.action === 'worker.import.create').map((r) => Number(r.entityId))).toEqual(created.map((w) => w.id));
		for (const row of audit) expect(row.actorUserId).toBe(f.userIds.officerEA1);
		const upd = audit.filter((r) => r.action === 'worker.import.update');
		expect(upd.map((r) => Number(r.entityId))).toEqual([f.w.ta1b.id]);
		expect(JSON.parse(upd[0].before!)).toMatchObject({ id: f.w.ta1b.id, trade: '', skillLevel: 'none', phone: null });
		expect(JSON.parse(upd[0].after!)).toMatchObject({ id: f.w.ta1b.id, trade: '车工', skillLevel: 'technician' });
		expect(JSON.parse(audit.find((r) => Number(r.entityId) === w1.id)!.after!)).toMatchObject({ employeeNo: '1101', employerId: f.u.EA1.id });
		expect(audit).toHaveLength(3);
	});

	it('re-importing the same file keeps the records instead of duplicating them', async () => {
		await importWorkers(f.db, f.actors.officerEA1, csvFile(GOOD_CSV));
		const snapshot = allWorkers();
		const before = lastAuditId(f.db);
		expect(await importWorkers(f.db, f.actors.officerEA1, csvFile(GOOD_CSV))).toEqual({ created: 0, updated: 0, unchanged: 3, problems: [] });
		expect(allWorkers()).toEqual(snapshot);
		expect(lastAuditId(f.db)).toBe(before);
		// One changed cell: one update.
		const changed = GOOD_CSV.replace('郑一,男,钳工', '郑一,男,焊工');
		expect(await importWorkers(f.db, f.actors.officerEA1, csvFile(changed))).toEqual({ created: 0, updated: 1, unchanged: 2, problems: [] });
		expect(byNo(f.u.EA1.id, '1101')!.trade).toBe('焊工');
	});

	it('one bad row means nothing is imported, and the report names that row', async () => {
		const csv = [HEADER, 'TA1,1201,甲,,,,', 'TA1,1202,乙,,,,12345', 'TA1,1203,丙,,,,'].join('\n');
		const snapshot = allWorkers();
		const before = lastAuditId(f.db);
		expect(await importWorkers(f.db, f.actors.officerEA1, csvFile(csv))).toEqual({
			created: 0,
			updated: 0,
			unchanged: 0,
			problems: [{ row: 3, message: '请输入 11 位手机号码' }]
		});
		expect(allWorkers()).toEqual(snapshot);
		expect(lastAuditId(f.db)).toBe(before);
	});

	it('reports every problem with its row, sorted, in the user’s language', async () => {
		const csv = [
			HEADER,
			'TA1,1301,甲,男,,,', // 2 fine
			'TB1,1302,乙,,,,', // 3 outside the EA1 officer's subtree
			'ZZZ,1303,丙,,,,', // 4 unknown unit
			'TA1,1304,,?,,,', // 5 no name, bad gender
			'WA1,1301,丁,,,,', // 6 same number as row 2 in the same enterprise (another unit)
			'TA1,1306,戊,,,特级,' // 7 bad level
		].join('\n');
		const report = await importWorkers(f.db, f.actors.officerEA1, csvFile(csv));
		expect(report).toEqual({
			created: 0,
			updated: 0,
			unchanged: 0,
			problems: [
				{ row: 3, message: '单位“TB1”不在您的管理范围内' },
				{ row: 4, message: '单位代码“ZZZ”不存在' },
				{ row: 5, message: '“姓名”不能为空' },
				{ row: 5, message: '性别“?”无法识别，请填“男”或“女”' },
				{ row: 6, message: '与第 2 行工号重复（同一企业内）' },
				{ row: 7, message: '技能等级“特级”无法识别，请填 初级工/中级工/高级工/技师/高级技师/无' }
			]
		});
	});

	it('a missing column is reported without a row', async () => {
		const report = await importWorkers(f.db, f.actors.officerEA1, csvFile('单位代码,姓名\nTA1,甲'));
		expect(report.problems).toEqual([{ row: null, message: '缺少“工号”列' }]);
		const empty = await importWorkers(f.db, f.actors.officerEA1, csvFile(HEADER + '\n,,,,,,\n'));
		expect(empty.problems).toEqual([{ row: null, message: '文件中没有数据行' }]);
	});

	it('an existing worker elsewhere in the enterprise is updated in place, and moved to the unit in the file', async () => {
		// 1003 (赵六) is in TA1; the file puts them in WA1.
		const report = await importWorkers(f.db, f.actors.officerEA1, csvFile(`${HEADER}\nWA1,1003,赵六,女,,,13800000007`));
		expect(report).toEqual({ created: 0, updated: 1, unchanged: 0, problems: [] });
		expect(byNo(f.u.EA1.id, '1003')).toMatchObject({ id: f.w.ta1c.id, unitId: f.u.WA1.id });
	});

	it('the same employee number in another enterprise is a different person', async () => {
		const report = await importWorkers(f.db, f.actors.officerDA, csvFile(`${HEADER}\nTA2,1002,另一个王五,,,,`));
		expect(report).toEqual({ created: 1, updated: 0, unchanged: 0, problems: [] });
		expect(byNo(f.u.EA2.id, '1002')!.name).toBe('另一个王五');
		expect(byNo(f.u.EA1.id, '1002')!.name).toBe('王五');
	});

	it('only officers and admins may import', async () => {
		await thrown(ForbiddenError, () => importWorkers(f.db, f.actors.workerA, csvFile(GOOD_CSV)));
		await thrown(NotSignedInError, () => importWorkers(f.db, null, csvFile(GOOD_CSV)));
		const report = await importWorkers(f.db, f.actors.officerDB, csvFile(GOOD_CSV));
		expect(report.problems).toEqual([
			{ row: 2, message: '单位“TA1”不在您的管理范围内' },
			{ row: 3, message: '单位“WA1”不在您的管理范围内' },
			{ row: 4, message: '单位“TA1”不在您的管理范围内' }
		]);
	});

	it('imports an .xlsx file, numbers and all', async () => {
		const file = await xlsxFile([
			['单位代码', '工号', '姓名', '性别', '工种', '技能等级', '手机号'],
			['TA1', 1401, '冯一', '男', '电工', '三级', 13600001401],
			['WA1', '1402', '冯二', '', '', '', null]
		]);
		const before = lastAuditId(f.db);
		expect(await importWorkers(f.db, f.actors.officerEA1, file)).toEqual({ created: 2, updated: 0, unchanged: 0, problems: [] });
		expect(byNo(f.u.EA1.id, '1401')).toMatchObject({ unitId: f.u.TA1.id, name: '冯一', gender: 'male', trade: '电工', skillLevel: 'senior', phone: '13600001401' });
		expect(byNo(f.u.EA1.id, '1402')).toMatchObject({ unitId: f.u.WA1.id, gender: null, skillLevel: 'none', phone: null });
		expect(auditSince(f.db, before).map((r) => r.action)).toEqual(['worker.import.create', 'worker.import.create']);
		// The same data again, as a file with a bad row 3: nothing at all.
		const bad = await xlsxFile([
			['单位代码', '工号', '姓名'],
			['TA1', '1403', '冯三'],
			['TA1', '14 04', '冯四']
		]);
		expect(await importWorkers(f.db, f.actors.officerEA1, bad)).toEqual({
			created: 0,
			updated: 0,
			unchanged: 0,
			problems: [{ row: 3, message: '工号只能包含字母、数字、下划线和短横线' }]
		});
		expect(byNo(f.u.EA1.id, '1403')).toBeUndefined();
	});

	it('imports a CSV saved as GB18030 by Excel on Chinese Windows', async () => {
		const text = `${HEADER}\r\nTA1,1501,欧阳锋,男,数控车工,高级技师,13600001501\r\n`;
		const bytes = encodeGb18030(text);
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		expect(await importWorkers(f.db, f.actors.officerEA1, new File([bytes], 'gb.csv'))).toEqual({ created: 1, updated: 0, unchanged: 0, problems: [] });
		expect(byNo(f.u.EA1.id, '1501')).toMatchObject({ name: '欧阳锋', trade: '数控车工', skillLevel: 'senior_technician', gender: 'male' });
	});

	it('reads the template it hands out (both formats)', async () => {
		const csv = (await workerTemplate(f.db, f.actors.officerEA1, 'csv')) as string;
		const fromCsv = await readSheet(csvFile(csv));
		expect(fromCsv).toEqual([HEADER.split(','), ['WA1', '10001', '张三', '男', '电工', '高级工', '13800138000']]);
		expect(checkWorkerSheet(fromCsv).problems).toEqual([]);
		const xlsx = (await workerTemplate(f.db, f.actors.officerEA1, 'xlsx')) as Uint8Array;
		const fromXlsx = await readSheet(new File([xlsx as Uint8Array<ArrayBuffer>], 't.xlsx'));
		// The template's drop-down lists reach row 1000, so the sheet has blank rows; they are not data.
		expect(fromXlsx.filter((r) => r.some((c) => c !== ''))).toEqual(fromCsv);
		expect(checkWorkerSheet(fromXlsx)).toEqual(checkWorkerSheet(fromCsv));
	});
});

describe('readSheet', () => {
	it('reads CSV with or without a byte-order mark, with quotes and CRLF', async () => {
		const expected = [
			['a', 'b,c'],
			['1', '2']
		];
		expect(await readSheet(csvFile('a,"b,c"\r\n1,2\r\n'))).toEqual(expected);
		expect(await readSheet(csvFile('\uFEFFa,"b,c"\n1,2\n\n'))).toEqual(expected);
	});

	it('reads the first sheet of an .xlsx whatever the file is called', async () => {
		const file = await xlsxFile([['x', 'y'], ['1', '']], 'upload.bin');
		expect(await readSheet(file)).toEqual([
			['x', 'y'],
			['1', '']
		]);
	});

	it('refuses a missing or empty file', async () => {
		for (const file of [null, 'a,b', csvFile('')]) {
			const e = await thrown(RuleError, () => readSheet(file));
			expect(e.errors).toEqual({ file: '请选择文件' });
		}
		expect((await thrown(RuleError, () => readSheet(null, 'upload'))).errors).toEqual({ upload: '请选择文件' });
	});

	it('refuses a file over 5 MB', async () => {
		const e = await thrown(RuleError, () => readSheet(csvFile('a'.repeat(5 * 1024 * 1024 + 1))));
		expect(e.errors).toEqual({ file: '文件不能超过 5 MB' });
	});

	it('refuses a binary file that is not a spreadsheet, with a clear message', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
		const e1 = await thrown(RuleError, () => readSheet(new File([png], 'workers.csv')));
		expect(e1.errors).toEqual({ file: UNREADABLE });
		// A zip that is not a workbook.
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('not really a zip at all')]);
		const e2 = await thrown(RuleError, () => readSheet(new File([zip], 'workers.xlsx')));
		expect(e2.errors).toEqual({ file: UNREADABLE });
		// And through the service: nothing stored.
		const count0 = allWorkers().length;
		await thrown(RuleError, () => importWorkers(f.db, f.actors.officerEA1, new File([png], 'x.xlsx')));
		expect(allWorkers()).toHaveLength(count0);
	});

	it('refuses a CSV with a broken quote', async () => {
		const e = await thrown(RuleError, () => readSheet(csvFile('a,"b\n1,2')));
		expect(e.errors).toEqual({ file: UNREADABLE });
	});

	it('writeCsv output reads back to the same cells', async () => {
		const rows = [
			['1', 'x,"y"', null],
			['2', '多行\n文本', '']
		];
		const text = writeCsv(['a', 'b', 'c'], rows);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(await readSheet(csvFile(text))).toEqual([
			['a', 'b', 'c'],
			['1', 'x,"y"', ''],
			['2', '多行\n文本', '']
		]);
	});
});

describe('workerSheet (export)', () => {
	it('exports the officer subtree in the template columns, and importing it back changes nothing', async () => {
		const before = allWorkers();
		const sheet = await workerSheet(f.db, f.actors.officerDA, {}, 'xlsx');
		const table = await readSheet(new File([sheet as Uint8Array<ArrayBuffer>], 'export.xlsx'));
		expect(table[0]).toEqual(['单位代码', '工号', '姓名', '性别', '工种', '技能等级', '手机号', '单位名称', '账号']);
		const exported = table.slice(1).filter((r) => r.some((c) => c !== ''));
		const inScope = listWorkers(f.db, f.actors.officerDA, {}).total;
		expect(exported).toHaveLength(inScope);
		expect(checkWorkerSheet(table).problems).toEqual([]);
		const report = await importWorkers(f.db, f.actors.officerDA, new File([sheet as Uint8Array<ArrayBuffer>], 'export.xlsx'));
		expect(report).toEqual({ created: 0, updated: 0, unchanged: inScope, problems: [] });
		expect(allWorkers()).toEqual(before);
	});

	it('exports only what the filter selects, as CSV too, and nothing for a worker', async () => {
		const csv = (await workerSheet(f.db, f.actors.officerDA, { q: '王五' }, 'csv')) as string;
		const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
		expect(lines).toHaveLength(2);
		expect(lines[1].split(',')[2]).toBe('王五');
		await thrown(ForbiddenError, () => workerSheet(f.db, f.actors.workerA, {}, 'csv'));
	});
});

describe('importWorkers and accounts that outrank the officer', () => {
	it('names the row of a worker whose account holds roles above the importer, and stores nothing', async () => {
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'officer', unitId: f.u.DA.id }).run();
		const before = allWorkers();
		const report = await importWorkers(f.db, f.actors.officerEA1, csvFile(`${HEADER}\nTA1,1001,张三,男,数控车工,高级工,13700000000\nTA1,1888,新人,女,钳工,初级工,`));
		expect(report).toEqual({ created: 0, updated: 0, unchanged: 0, problems: [{ row: 2, message: '该职工的账号权限高于您的管理权限，不能通过导入修改' }] });
		expect(allWorkers()).toEqual(before);
	});
});

describe('readSheet against hostile files', () => {
	it('a tiny xlsx declaring a cell at row 100000, column 300 is refused quickly without building the grid', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('职工');
		ws.addRow(HEADER.split(','));
		ws.getCell(100000, 300).value = 'x';
		const file = new File([new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)], 'bomb.xlsx');
		expect(file.size).toBeLessThan(20000);
		const e = await thrown(RuleError, () => readSheet(file));
		expect(e.errors).toEqual({ file: '一次最多导入 20000 行' });
	});

	it('reads at most 50 columns and keeps row numbers across blank rows', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('职工');
		ws.addRow(HEADER.split(','));
		ws.getCell(4, 1).value = 'TA1';
		ws.getCell(4, 200).value = 'far away';
		const table = await readSheet(new File([new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)], 'wide.xlsx'));
		expect(table).toHaveLength(4);
		expect(table[1]).toEqual([]);
		expect(table[3]).toEqual(['TA1']);
		expect(Math.max(...table.map((r) => r.length))).toBeLessThanOrEqual(50);
	});

	it('a CSV with more rows than the limit is refused', async () => {
		const body = Array.from({ length: 20002 }, (_, i) => `TA1,${10000 + i},某人`).join('\n');
		const e = await thrown(RuleError, () => readSheet(csvFile(`${HEADER}\n${body}`)));
		expect(e.errors).toEqual({ file: '一次最多导入 20000 行' });
	});

	it('exported CSV keeps formula-like names as text', () => {
		const csv = writeCsv(['姓名'], [['=HYPERLINK("http://evil.example","点我")'], ['+1'], ['正常']]);
		const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
		expect(lines[1].startsWith(`"'=HYPERLINK`)).toBe(true);
		expect(lines[2]).toBe(`"'+1"`);
		expect(lines[3]).toBe('正常');
	});
});
