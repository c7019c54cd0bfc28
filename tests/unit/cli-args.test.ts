import { describe, expect, it } from 'vitest';
import { commandLine } from '$lib/server/cli/args';

describe('command line of the scripts', () => {
	it('reads options, switches and the words left, wherever they stand', () => {
		const cli = commandLine(['db'], ['--force', 'backup.db', '--db', 'data/x.db']);
		expect([cli.option('db'), cli.given('force'), cli.given('keep'), cli.words, cli.lacking()]).toEqual(['data/x.db', true, false, ['backup.db'], false]);
		expect(commandLine(['db'], ['--db', 'data/x.db', 'backup.db']).words).toEqual(['backup.db']);
	});

	it('tells an option given without its value', () => {
		for (const argv of [['backup.db', '--db'], ['--db', '--force', 'backup.db']]) {
			const cli = commandLine(['db'], argv);
			expect([cli.option('db'), cli.lacking(), cli.words]).toEqual([undefined, true, ['backup.db']]);
		}
		expect(commandLine(['seed'], []).option('seed')).toBeUndefined();
	});
});
