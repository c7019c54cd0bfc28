import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { m } from '$lib/paraglide/messages';
import { RuleError } from '../errors';
import { MAX_IMPORT_ROWS } from '$lib/domain/worker-import';

export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
/** Data rows and columns read from one sheet (the import's own limits are lower or equal). */
export const MAX_SHEET_ROWS = MAX_IMPORT_ROWS;
export const MAX_SHEET_COLUMNS = 50;

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Excel on a Chinese Windows saves CSV as GB18030; everything else sends UTF-8. */
function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/**
 * Reads the first sheet of an .xlsx file, or a .csv file, into rows of cell
 * text. The kind is told from the content, not the file name.
 * `field` names the form field an error belongs to.
 */
export async function readSheet(file: unknown, field = 'file'): Promise<string[][]> {
	if (!(file instanceof File) || file.size === 0) throw new RuleError({ [field]: m.err_file_required() });
	if (file.size > MAX_SHEET_BYTES) throw new RuleError({ [field]: m.err_file_too_big({ mb: MAX_SHEET_BYTES / 1024 / 1024 }) });
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (isZip(bytes)) {
		const workbook = new ExcelJS.Workbook();
		try {
			await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
		} catch {
			throw new RuleError({ [field]: m.err_file_unreadable() });
		}
		const sheet = workbook.worksheets[0];
		if (!sheet) throw new RuleError({ [field]: m.err_file_unreadable() });
		// Only cells that exist are read, and never more rows or columns than a sheet may have:
		// a tiny file can declare a cell at row 100000, column 300.
		const rows: string[][] = [];
		let tooMany = false;
		sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
			if (rowNumber > MAX_SHEET_ROWS + 1) {
				tooMany = true;
				return;
			}
			const cells: string[] = [];
			row.eachCell({ includeEmpty: false }, (cell, col) => {
				if (col <= MAX_SHEET_COLUMNS) cells[col - 1] = cell.text ?? '';
			});
			rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
		});
		if (tooMany) throw new RuleError({ [field]: m.imp_too_many_rows({ max: MAX_SHEET_ROWS }) });
		return Array.from(rows, (r) => r ?? []);
	}
	if (bytes.includes(0)) throw new RuleError({ [field]: m.err_file_unreadable() });
	const text = decodeText(bytes).replace(/^\uFEFF/, '');
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', preview: MAX_SHEET_ROWS + 2 });
	if (parsed.errors.some((e) => e.type === 'Quotes')) throw new RuleError({ [field]: m.err_file_unreadable() });
	if (parsed.data.length > MAX_SHEET_ROWS + 1) throw new RuleError({ [field]: m.imp_too_many_rows({ max: MAX_SHEET_ROWS }) });
	return parsed.data.map((r) => r.slice(0, MAX_SHEET_COLUMNS));
}

/** Builds an .xlsx file from a header and rows (with optional extra sheets). */
export async function writeWorkbook(sheets: { name: string; header: string[]; rows: (string | number | null)[][]; lists?: Record<number, string[]> }[]) {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Jiangong';
	for (const s of sheets) {
		const ws = workbook.addWorksheet(s.name);
		ws.addRow(s.header).font = { bold: true };
		for (const r of s.rows) ws.addRow(r);
		ws.columns.forEach((col, i) => (col.width = Math.max(10, ...[s.header[i], ...s.rows.map((r) => r[i])].map((v) => String(v ?? '').length * 2 + 2))));
		ws.views = [{ state: 'frozen', ySplit: 1 }];
		for (const [col, list] of Object.entries(s.lists ?? {})) {
			const letter = String.fromCharCode(65 + Number(col));
			for (let r = 2; r <= 1000; r++) {
				ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
			}
		}
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A CSV file Excel opens correctly (UTF-8 with a byte-order mark). */
export function writeCsv(header: string[], rows: (string | number | null)[][]): string {
	// escapeFormulae: a name like =HYPERLINK(...) must stay text when Excel opens the file.
	return '\uFEFF' + Papa.unparse([header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))], { escapeFormulae: true });
}
