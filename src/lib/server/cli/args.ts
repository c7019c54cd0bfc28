/**
 * The command line of the project's scripts (`npm run backup -- FILE --db path --force`):
 * `--name value` options, `--name` switches and the plain words left over. `valued`
 * names the options that take a value, so their values are not taken for words.
 */
export function commandLine(valued: string[], argv = process.argv.slice(2)) {
	const at = (name: string) => argv.indexOf(`--${name}`);
	const option = (name: string): string | undefined => {
		const value = at(name) >= 0 ? argv[at(name) + 1] : undefined;
		return value === undefined || value.startsWith('--') ? undefined : value;
	};
	const values = new Set(valued.map((name) => at(name) + 1).filter((i) => i > 0));
	return {
		option,
		/** `--name` is there (with or without its value) */
		given: (name: string) => at(name) >= 0,
		/** an option was given without its value */
		lacking: () => valued.some((name) => at(name) >= 0 && option(name) === undefined),
		words: argv.filter((a, i) => !a.startsWith('--') && !values.has(i))
	};
}
