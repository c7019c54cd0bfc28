import { eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { units, users, workers, type Unit, type Worker } from '../db/schema';
import { mayManageAccounts, revokeOpenCodes } from '../accounts/guard';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../auth/policy';
import { writeAudit } from '../audit';
import { employerIdOf } from '../units';
import { exportWorkers, findByEmployeeNo, type WorkerFilter } from './index';
import { checkWorkerSheet, IMPORT_COLUMNS, IMPORT_HEADERS, SKILL_LEVEL_LABELS, type ImportProblem, type ImportRecord } from '$lib/domain/worker-import';
import { listManagedUnits } from '../units';
import { readSheet, writeCsv, writeWorkbook } from './sheet-file';

export interface ImportReport {
	created: number;
	updated: number;
	unchanged: number;
	problems: { row: number | null; message: string }[];
}

const columnLabel = (c: (typeof IMPORT_COLUMNS)[number]) => IMPORT_HEADERS[c][0];

export function describeProblem(p: ImportProblem): { row: number | null; message: string } {
	switch (p.kind) {
		case 'missing_column':
			return { row: null, message: m.imp_missing_column({ column: columnLabel(p.column) }) };
		case 'empty':
			return { row: null, message: m.imp_empty() };
		case 'too_many_rows':
			return { row: null, message: m.imp_too_many_rows({ max: p.max }) };
		case 'required':
			return { row: p.row, message: m.imp_required({ column: columnLabel(p.column) }) };
		case 'too_long':
			return { row: p.row, message: m.imp_too_long({ column: columnLabel(p.column), max: p.max }) };
		case 'bad_employee_no':
			return { row: p.row, message: m.err_employee_no() };
		case 'bad_phone':
			return { row: p.row, message: m.err_phone() };
		case 'bad_gender':
			return { row: p.row, message: m.imp_bad_gender({ value: p.value }) };
		case 'bad_skill_level':
			return { row: p.row, message: m.imp_bad_skill_level({ value: p.value }) };
		case 'duplicate_in_file':
			return { row: p.row, message: m.imp_duplicate_in_file({ first: p.firstRow }) };
		case 'unknown_unit':
			return { row: p.row, message: m.imp_unknown_unit({ value: p.value }) };
		case 'unit_out_of_scope':
			return { row: p.row, message: m.imp_unit_out_of_scope({ value: p.value }) };
		case 'protected_account':
			return { row: p.row, message: m.imp_protected_account() };
	}
}

/**
 * Imports workers from a spreadsheet, all or nothing: the whole file is checked
 * first and any bad row means nothing is stored. A worker already on record
 * (same employee number in the same enterprise) is updated, not duplicated.
 */
export async function importWorkers(db: DB, actor: Actor | null, file: unknown): Promise<ImportReport> {
	authorize(actor, 'officer.area');
	const table = await readSheet(file);
	const { records, problems } = checkWorkerSheet(table);

	const codes = [...new Set(records.map((r) => r.unitCode))];
	const unitByCode = new Map<string, Unit>();
	for (let i = 0; i < codes.length; i += 500) {
		for (const u of db.select().from(units).where(inArray(units.code, codes.slice(i, i + 500))).all()) unitByCode.set(u.code, u);
	}
	const employerByUnit = new Map<number, number>();
	const firstRowOf = new Map<string, number>();
	const valid: (ImportRecord & { unit: Unit; employerId: number })[] = [];
	for (const r of records) {
		const unit = unitByCode.get(r.unitCode);
		if (!unit) {
			problems.push({ kind: 'unknown_unit', row: r.row, value: r.unitCode });
			continue;
		}
		if (!can(actor, 'worker.import', { unitPath: unit.path })) {
			problems.push({ kind: 'unit_out_of_scope', row: r.row, value: r.unitCode });
			continue;
		}
		if (!employerByUnit.has(unit.id)) employerByUnit.set(unit.id, employerIdOf(db, unit));
		const employerId = employerByUnit.get(unit.id)!;
		// Two units of one enterprise share its employee numbers.
		const key = `${employerId}\u0000${r.employeeNo}`;
		if (firstRowOf.has(key)) {
			problems.push({ kind: 'duplicate_in_file', row: r.row, firstRow: firstRowOf.get(key)! });
			continue;
		}
		firstRowOf.set(key, r.row);
		valid.push({ ...r, unit, employerId });
	}
	// A worker already on record elsewhere in the enterprise must be inside the officer's subtree too.
	const existingOf = new Map<(typeof valid)[number], Worker & { unitPath: string }>();
	for (const r of valid) {
		const existing = findByEmployeeNo(db, r.employerId, r.employeeNo);
		if (!existing) continue;
		const account = db.select({ id: users.id }).from(users).where(eq(users.workerId, existing.worker.id)).get();
		if (!can(actor, 'worker.import', { unitPath: existing.unitPath })) problems.push({ kind: 'unit_out_of_scope', row: r.row, value: existing.unitCode });
		else if (account && account.id !== actor!.userId && !mayManageAccounts(db, actor, [account.id])) problems.push({ kind: 'protected_account', row: r.row });
		else existingOf.set(r, { ...existing.worker, unitPath: existing.unitPath });
	}
	if (problems.length) {
		const described = problems.map(describeProblem).sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
		return { created: 0, updated: 0, unchanged: 0, problems: described };
	}

	return db.transaction((tx) => {
		const report: ImportReport = { created: 0, updated: 0, unchanged: 0, problems: [] };
		const now = new Date();
		for (const r of valid) {
			const values = { unitId: r.unit.id, employerId: r.employerId, name: r.name, employeeNo: r.employeeNo, gender: r.gender, trade: r.trade, skillLevel: r.skillLevel, phone: r.phone };
			const existing = existingOf.get(r);
			if (!existing) {
				const created = tx.insert(workers).values({ ...values, createdAt: now, updatedAt: now }).returning().get();
				writeAudit(tx, actor, { action: 'worker.import.create', entityType: 'worker', entityId: created.id, unitPath: r.unit.path, after: created });
				report.created++;
			} else if ((Object.keys(values) as (keyof typeof values)[]).some((k) => existing[k] !== values[k])) {
				const { unitPath: _, ...before } = existing;
				if (existing.unitId !== values.unitId) revokeOpenCodes(tx, [existing.id]);
				const after = tx.update(workers).set({ ...values, updatedAt: now }).where(eq(workers.id, existing.id)).returning().get();
				writeAudit(tx, actor, { action: 'worker.import.update', entityType: 'worker', entityId: existing.id, unitPath: r.unit.path, before, after });
				report.updated++;
			} else {
				report.unchanged++;
			}
		}
		return report;
	});
}

/** The downloadable template: headers, one example row, and the unit codes the officer may use. */
export async function workerTemplate(db: DB, actor: Actor | null, format: 'xlsx' | 'csv') {
	authorize(actor, 'officer.area');
	const header = IMPORT_COLUMNS.map(columnLabel);
	const managed = listManagedUnits(db, actor);
	const example = [managed.find((u) => u.type === 'team' || u.type === 'workshop')?.code ?? managed[0]?.code ?? 'T001', '10001', '张三', '男', '电工', '高级工', '13800138000'];
	if (format === 'csv') return writeCsv(header, [example]);
	const levelLabels = Object.values(SKILL_LEVEL_LABELS).map((l) => l[0]);
	return writeWorkbook([
		{ name: '职工', header, rows: [example], lists: { 3: ['男', '女'], 5: levelLabels } },
		{ name: '单位代码', header: ['单位代码', '单位名称'], rows: managed.map((u) => [u.code, u.name]) }
	]);
}

/**
 * The workers a filter selects, as a spreadsheet in the template's columns (plus
 * unit name and account state, which an import ignores): export, edit, import again.
 */
export async function workerSheet(db: DB, actor: Actor | null, filter: WorkerFilter, format: 'xlsx' | 'csv') {
	const header = [...IMPORT_COLUMNS.map(columnLabel), '单位名称', '账号'];
	const rows = exportWorkers(db, actor, filter).map((w) => [
		w.unitCode,
		w.employeeNo,
		w.name,
		w.gender === 'male' ? '男' : w.gender === 'female' ? '女' : '',
		w.trade,
		SKILL_LEVEL_LABELS[w.skillLevel][0],
		w.phone,
		w.unitName,
		({ active: '已开通', disabled: '已停用', none: '未开通' } as const)[w.account]
	]);
	if (format === 'csv') return writeCsv(header, rows);
	return writeWorkbook([{ name: '职工', header, rows }]);
}
