/**
 * `npm run gen -- --scale large|small [--seed N] [--out FILE]`: builds a dataset into a
 * database file of its own (default data/<scale>.db, replaced if it exists) and writes
 * what the benchmarks need to find in it beside it (<file>.json).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { openDb, migrateDb } from '../db';
import { generate, SCALES, type ScaleName } from '../demo/scale';
import { commandLine } from './args';

const flag = commandLine(['scale', 'seed', 'out']).option;
const scale = (flag('scale') ?? 'small') as ScaleName;
if (!(scale in SCALES)) {
	console.error(`unknown scale "${scale}": use ${Object.keys(SCALES).join(' or ')}`);
	process.exit(2);
}
const seed = Number(flag('seed') ?? 2026);
const out = flag('out') ?? `data/${scale}.db`;
for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(out + suffix, { force: true });

const started = performance.now();
const db = openDb(out);
// a fresh file that nobody reads yet: no need to sync every transaction to disk
db.$client.pragma('synchronous = OFF');
migrateDb(db);
const manifest = await generate(db, scale, seed, (line) => console.log(line));
db.$client.pragma('synchronous = NORMAL');
db.$client.pragma('wal_checkpoint(TRUNCATE)');
db.$client.exec('ANALYZE');
db.$client.close();
writeFileSync(`${out}.json`, JSON.stringify(manifest, null, '\t'));
console.log(`\n${scale} dataset (seed ${seed}) in ${out}, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const [table, n] of Object.entries(manifest.counts)) console.log(`  ${table.padEnd(22)} ${n.toLocaleString('en')}`);
