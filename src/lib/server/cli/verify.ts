/**
 * `npm run verify [-- --db path]`: recomputes every published result from raw marks,
 * checks the audit chain, and prints what does not match. Exit code 1 on any problem.
 */
import { openDb, migrateDb, DEFAULT_DATABASE_URL } from '../db';
import { verifyResults, type Problem } from '../results/verify';
import { commandLine } from './args';

const url = commandLine(['db']).option('db') ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
const db = openDb(url);
migrateDb(db);
const report = verifyResults(db);

const describe = (p: Problem): string => {
	switch (p.kind) {
		case 'chain':
			return `audit row ${p.auditId}: hash chain broken (row changed, removed or inserted)`;
		case 'mark':
			return `sheet ${p.sheetId}, aspect ${p.aspectId}: mark is ${p.stored ?? '(none)'}, audit log says ${p.audited ?? '(none)'}`;
		case 'sheet_unaudited':
			return `sheet ${p.sheetId}: no audited save`;
		case 'standing':
			return `stage ${p.stageId}, entry ${p.entryId}: stored ${p.field} ${JSON.stringify(p.stored)}, raw marks give ${JSON.stringify(p.recomputed)}`;
		case 'tally':
			return `stage ${p.stageId}: tally says ${p.stored ? `${p.stored.entries} standings, ${p.stored.scored} scored` : '(none)'}, the standings are ${p.counted.entries}, ${p.counted.scored} scored`;
		case 'rows_hash':
			return `results version ${p.versionId}: rows hash ${p.computed.slice(0, 12)}… but stored ${p.stored.slice(0, 12)}… and audited ${p.audited?.slice(0, 12) ?? '(none)'}…`;
		case 'result':
			return `results version ${p.versionId}, entry ${p.entryId}: published ${p.field} ${JSON.stringify(p.published)}, raw marks give ${JSON.stringify(p.recomputed)}`;
		case 'status':
			return `results version ${p.versionId}: status is ${p.stored}, the audit log says ${p.audited ?? '(never published)'}`;
		case 'award':
			return `award ${p.code}: ${{ unaudited: 'no audited issue', not_in_results: 'not given by the final results', missing: 'given by the final results but not on record' }[p.problem]}`;
	}
};

const c = report.checked;
console.log(`database      ${url}`);
console.log(`audit rows    ${c.auditRows}`);
console.log(`sheets        ${c.sheets}`);
console.log(`stages        ${c.stages} (standings recomputed from raw marks)`);
console.log(`results       ${c.versions} versions; ${c.recomputed} recomputed, ${report.skipped.length} skipped (stage reopened or correction open)`);
if (report.problems.length === 0) {
	console.log('\nOK: every published figure matches the raw marks and the audit chain is intact.');
} else {
	console.log(`\n${report.problems.length} problem(s):`);
	for (const p of report.problems) console.log(`  - ${describe(p)}`);
	process.exitCode = 1;
}
db.$client.close();
