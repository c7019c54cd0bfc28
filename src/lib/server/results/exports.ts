import { m } from '$lib/paraglide/messages';
import { resultStatusLabel } from '$lib/labels';
import { writeCsv, writeWorkbook } from '../people/sheet-file';
import type { PublicStageResults } from './public';
import type { medalTable } from './tables';

type Sheet = { header: string[]; rows: (string | number | null)[][] };

/** Published results as a spreadsheet: the same columns the public page shows. */
export function resultsSheet(r: PublicStageResults): Sheet {
	const criteria = r.modules.flatMap((mod) => mod.criteria);
	return {
		header: [
			m.board_rank(),
			m.entry_code(),
			...(r.namesShown ? [m.pub_entrant()] : []),
			m.pub_unit(),
			...r.modules.map((mod) => `${mod.letter} ${mod.name}`),
			...criteria.map((c) => c.name),
			m.board_total(),
			m.desk_award(),
			m.pub_excellent(),
			m.exp_status()
		],
		rows: r.rows.map((row) => [
			row.rank,
			row.code,
			...(r.namesShown ? [row.name] : []),
			row.unit,
			...r.modules.map((mod) => row.modules[mod.id] ?? null),
			...criteria.map((c) => row.criteria[c.id] ?? null),
			row.total,
			row.awardName,
			row.excellent ? m.pub_excellent() : null,
			resultStatusLabel(r.version.status)
		])
	};
}

export function medalSheet(t: ReturnType<typeof medalTable>): Sheet {
	return {
		header: [m.board_rank(), m.pub_unit(), m.medal_gold(), m.medal_silver(), m.medal_bronze(), m.medal_other(), m.medal_total()],
		rows: t.rows.map((r) => [r.rank, r.unit, r.gold, r.silver, r.bronze, r.other, r.total])
	};
}

export async function sheetBody(sheet: Sheet, format: 'xlsx' | 'csv', name: string): Promise<Uint8Array | string> {
	return format === 'csv' ? writeCsv(sheet.header, sheet.rows) : writeWorkbook([{ name, ...sheet }]);
}
