import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { discoverRoutes } from './matrix-routes';

/**
 * The fuzzer's inputs: what the app offers (form actions, pages, endpoints, read
 * from src/routes so a new route is fuzzed without an edit here), the fields of
 * each rendered form, and fast-check arbitraries of random and hostile values.
 */

// ---------------------------------------------------------------- routes

export interface ActionTarget {
	/** route pattern, e.g. /officer/workers/[id] */
	route: string;
	/** action name; `default` for the unnamed one */
	name: string;
	file: string;
}

export interface EndpointTarget {
	route: string;
	methods: string[];
	file: string;
}

/** The route list the authorisation matrix reads (TypeScript-parsed), in the fuzzer's shapes. */
function discovered(routesDir: string) {
	const root = resolve(routesDir, '../..');
	return discoverRoutes(root, routesDir).map((d) => ({ ...d, file: join(root, d.file) }));
}

export function discoverActions(routesDir: string): ActionTarget[] {
	return discovered(routesDir)
		.filter((d) => d.kind === 'action')
		.map((d) => ({ route: d.pattern, name: d.key.split('?/')[1] ?? 'default', file: d.file }));
}

export interface PageTarget {
	route: string;
	/** its +page.server.ts (which may not exist) */
	server: string;
}

/** Every page route with a +page.svelte (an actions-only route such as /logout is not a page to read). */
export function discoverPages(routesDir: string): PageTarget[] {
	return discovered(routesDir)
		.filter((d) => d.kind === 'page' && existsSync(join(dirname(d.file), '+page.svelte')))
		.map((d) => ({ route: d.pattern, server: join(dirname(d.file), '+page.server.ts') }))
		.sort((a, b) => a.route.localeCompare(b.route));
}

const FUZZED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function discoverEndpoints(routesDir: string): EndpointTarget[] {
	const byFile = new Map<string, EndpointTarget>();
	for (const d of discovered(routesDir)) {
		if (d.kind !== 'endpoint') continue;
		const method = d.key.split(' ')[0];
		const target = byFile.get(d.file) ?? { route: d.pattern, methods: [], file: d.file };
		if (FUZZED_METHODS.includes(method)) target.methods.push(method);
		byFile.set(d.file, target);
	}
	return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}

export const paramsOf = (route: string): string[] => [...route.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);

/** encodeURIComponent, except that a lone surrogate goes as its (invalid) three UTF-8 bytes instead of throwing. */
export function encodePart(s: string): string {
	return [...s]
		.map((ch) => {
			const c = ch.charCodeAt(0);
			if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
			return encodeURIComponent(ch);
		})
		.join('');
}

export function fill(route: string, params: Record<string, string>): string {
	return route.replace(/\[(\w+)\]/g, (_, k: string) => {
		if (!(k in params)) throw new Error(`no value for [${k}] in ${route}`);
		return encodePart(params[k]);
	});
}

/** Query names a page's server code reads (`searchParams.get('x')`, `.has('x')`, `p.get('x')`). */
export function queryNamesInSource(file: string): string[] {
	let src = '';
	try {
		src = readFileSync(file, 'utf8');
	} catch {
		return [];
	}
	return [...new Set([...src.matchAll(/\.(?:get|has|getAll)\(\s*'([\w-]+)'\s*\)/g)].map((m) => m[1]))];
}

// ---------------------------------------------------------------- HTML forms

export interface FormField {
	name: string;
	/** what the page filled in (the selected option, the checked box, the textarea's text) */
	value: string;
	tag: 'input' | 'select' | 'textarea' | 'button';
	type: string;
	/** a select's or radio group's option values */
	options: string[];
	/** inputmode, min, max, maxlength, pattern, readonly, disabled as the page gives them */
	hints: Record<string, string>;
}

export interface PageForm {
	method: string;
	enctype: string;
	/** action names this form posts to (its action and its buttons' formaction) */
	targets: string[];
	fields: FormField[];
}

export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
		const l = e.toLowerCase();
		if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[l] ?? _;
	});
}

/** The attributes of one start tag (`<input a="x" b>`), values decoded. */
export function attributesOf(tag: string): Record<string, string> {
	const attrs: Record<string, string> = {};
	const re = /\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
	for (const m of tag.replace(/^<[^\s>]+/, '').matchAll(re)) attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
	return attrs;
}

/** `?/name`, `/path?/name` → name; a POST form without `?/` posts to the default action. */
function actionTarget(action: string | undefined, pagePath: string): string | null {
	if (action === undefined || action === '') return 'default';
	const m = /\?\/([\w-]+)/.exec(action);
	if (m) return m[1];
	const path = action.split('?')[0];
	return path === '' || path === pagePath ? 'default' : null;
}

/** The forms of a server-rendered page, with their fields and prefilled values. */
export function formsOf(html: string, pagePath: string): PageForm[] {
	const forms: PageForm[] = [];
	for (const fm of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
		const attrs = attributesOf(fm[0].slice(0, fm[0].indexOf('>') + 1));
		const method = (attrs.method ?? 'GET').toUpperCase();
		const body = fm[1];
		const targets = new Set<string>();
		const fields: FormField[] = [];
		if (method === 'POST') {
			const t = actionTarget(attrs.action, pagePath);
			if (t) targets.add(t);
		}
		for (const m of body.matchAll(/<(input|button)\b[^>]*>/gi)) {
			const a = attributesOf(m[0]);
			const tag = m[1].toLowerCase() as 'input' | 'button';
			if (tag === 'button' && a.formaction !== undefined) {
				const t = actionTarget(a.formaction, pagePath);
				if (t) targets.add(t);
			}
			if (!a.name) continue;
			const type = (a.type ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
			const hints = Object.fromEntries(['inputmode', 'min', 'max', 'maxlength', 'pattern', 'step', 'readonly', 'disabled'].filter((k) => k in a).map((k) => [k, a[k]]));
			if (type === 'radio' || (tag === 'button' && fields.some((f) => f.name === a.name && f.tag === 'button'))) {
				// one field per group, its values as options
				const group = fields.find((f) => f.name === a.name && f.type === type);
				if (group) {
					group.options.push(a.value ?? 'on');
					if ('checked' in a) group.value = a.value ?? 'on';
				} else fields.push({ name: a.name, value: 'checked' in a ? (a.value ?? 'on') : '', tag: 'input', type, options: [a.value ?? 'on'], hints });
				continue;
			}
			if (type === 'checkbox' && !('checked' in a)) {
				fields.push({ name: a.name, value: '', tag: 'input', type: `${type}-unchecked:${a.value ?? 'on'}`, options: [a.value ?? 'on'], hints });
				continue;
			}
			fields.push({ name: a.name, value: a.value ?? (type === 'checkbox' ? 'on' : ''), tag, type, options: tag === 'button' ? [a.value ?? ''] : [], hints });
		}
		for (const m of body.matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/gi)) {
			const a = attributesOf(m[0].slice(0, m[0].indexOf('>') + 1));
			if (!a.name) continue;
			const options = [...m[1].matchAll(/<option\b[^>]*>/gi)].map((o) => attributesOf(o[0]));
			const values = options.map((o) => o.value ?? '');
			const selected = options.find((o) => 'selected' in o)?.value ?? values[0] ?? '';
			fields.push({ name: a.name, value: selected, tag: 'select', type: 'select', options: values, hints: {} });
		}
		for (const m of body.matchAll(/<textarea\b[^>]*>([\s\S]*?)<\/textarea>/gi)) {
			const a = attributesOf(m[0].slice(0, m[0].indexOf('>') + 1));
			if (a.name) fields.push({ name: a.name, value: decodeEntities(m[1]), tag: 'textarea', type: 'textarea', options: [], hints: Object.fromEntries(['maxlength'].filter((k) => k in a).map((k) => [k, a[k]])) });
		}
		forms.push({ method, enctype: (attrs.enctype ?? 'application/x-www-form-urlencoded').toLowerCase(), targets: [...targets], fields });
	}
	return forms;
}

// ---------------------------------------------------------------- hostile values

export const MARKER = 'jgXSS';

/** Script fragments, each carrying a numbered marker the escape check looks for. */
const scriptFragment = fc.tuple(fc.nat({ max: 99999 }), fc.nat({ max: 9 })).map(([n, k]) => {
	const id = `${MARKER}${n}`;
	return [
		`<script>${id}</script>`,
		`"><img src=x onerror=${id}>`,
		`'><svg onload=${id}>`,
		`javascript:${id}()`,
		`" onfocus="${id}" autofocus="`,
		`' onmouseover='${id}`,
		`</textarea><script>${id}</script>`,
		`</title><script>${id}</script>`,
		`<a href="javascript:${id}()">x</a>`,
		`\u003cscript\u003e${id}<\/script>`
	][k];
});

const sqlFragment = fc.constantFrom(
	"' OR 1=1 --",
	"'; DROP TABLE users; --",
	'" OR ""="',
	'%',
	'_',
	'%_%',
	'\\',
	"'",
	'"',
	'*',
	'NEAR(',
	'"unterminated',
	'AND OR NOT',
	'title:x',
	'^',
	'\\%\\_',
	'1; SELECT 1',
	'ZGH001',
	'0050004'
);

const numberText = fc.oneof(
	fc.constantFrom('0', '-0', '-1', '1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', '9007199254740993', '1e21', '1e-7', '0x10', '0b11', '1_000', '１２３', '٣', '0.1+0.2', '00012', '1.999999999999999999', ' 12 ', '12abc', '1,000,000', '99999999999.99', '100.005', '-0.0001', '2147483648', '18446744073709551616', '1.', '.5', '+5', '5e2'),
	fc.double().map(String),
	fc.bigInt().map(String),
	fc.integer().map(String)
);

const dateText = fc.constantFrom('0000-00-00', '0000-01-01', '99999-12-31', '9999-12-31', '2026-02-30', '2026-13-01', '2026-1-1', '1970-01-01T00:00:00Z', '2026-02-29', '2024-02-29', '-001-01-01', '2026-06-31', '2026/06/01', '20260601', '+275760-09-13');

const unicodeEdge = fc.constantFrom(
	'\uD800',
	'\uDFFF',
	'a\uDC00b',
	'\u202Eevil\u202C',
	'\u200F\u200E',
	'a\u200Db',
	'\u200B',
	'e\u0301\u0301\u0301\u0301\u0301',
	'👨‍👩‍👧‍👦',
	'🏳️‍🌈',
	'\u0000',
	'a\u0000b',
	'\uFEFF',
	'ＡＢＣ１２３',
	'\uFFFF',
	'\uFFFD',
	'𠀀𪚥',
	'\r\n\r\n',
	'\t',
	'\u3000',
	'\u2028\u2029',
	'\u001b[31m',
	'Z̴̡̛͓̈́a̸l̶g̵o̷'
);

/** 10k – 1M characters of one repeated unit; the length shrinks cheaply when a run fails. */
const overlong = fc
	.tuple(fc.integer({ min: 10_000, max: 1_000_000 }), fc.constantFrom('a', '中', '😀', '<', '%', ' ', '9', 'x\u0301'))
	.map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));

const plain = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** One hostile text: a fragment, or two or three joined. */
export function hostileText(opts: { ids: number[]; overlong: boolean }): fc.Arbitrary<string> {
	const piece = fc.oneof(
		{ weight: 4, arbitrary: scriptFragment },
		{ weight: 2, arbitrary: sqlFragment },
		{ weight: 3, arbitrary: numberText },
		{ weight: 1, arbitrary: dateText },
		{ weight: 3, arbitrary: unicodeEdge },
		{ weight: 2, arbitrary: plain },
		{ weight: 1, arbitrary: fc.constantFrom('', ' ', '  \t\n ', '\u3000\u3000') },
		{ weight: 1, arbitrary: fc.constantFrom(...(opts.ids.length ? opts.ids : [1])).map(String) }
	);
	const joined = fc.oneof({ weight: 3, arbitrary: piece }, { weight: 2, arbitrary: fc.array(piece, { minLength: 2, maxLength: 3 }).map((a) => a.join('')) });
	return opts.overlong ? fc.oneof({ weight: 12, arbitrary: joined }, { weight: 1, arbitrary: overlong }) : joined;
}

/** A file part: random or oversized bytes with hostile names and claimed types. */
export interface FilePart {
	bytes: number;
	fill: number;
	name: string;
	type: string;
	/** a PDF or PNG header first, so content sniffing accepts it; or a worker sheet (CSV) with hostile cells */
	magic: '' | 'pdf' | 'png' | 'jpeg' | 'csv';
	cells: string[];
}

export function filePart(opts: { ids: number[]; overlong: boolean }): fc.Arbitrary<FilePart> {
	return fc.record({
		bytes: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 4096 }) }, { weight: opts.overlong ? 1 : 0, arbitrary: fc.integer({ min: 10_000_000, max: 30_000_000 }) }),
		fill: fc.nat({ max: 255 }),
		name: fc.oneof(fc.constantFrom('a.pdf', 'x.png', '../../etc/passwd', 'photo.jpg', '', 'a'.repeat(300) + '.pdf'), hostileText({ ids: opts.ids, overlong: false })),
		type: fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/x-msdownload', '', 'image/svg+xml', '"><script>'),
		magic: fc.constantFrom('', 'pdf', 'png', 'jpeg', 'csv', 'csv'),
		cells: fc.array(hostileText({ ids: opts.ids, overlong: false }), { minLength: 3, maxLength: 3 })
	});
}

const MAGIC: Record<Exclude<FilePart['magic'], 'csv'>, number[]> = {
	'': [],
	pdf: [...Buffer.from('%PDF-1.4\n')],
	png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	jpeg: [0xff, 0xd8, 0xff, 0xe0]
};

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

export function fileOf(part: FilePart): File {
	if (part.magic === 'csv') {
		// a worker sheet of a DH team: two rows whose names and trade are hostile
		const [a, b, c] = part.cells;
		const rows = [
			['单位代码', '工号', '姓名', '性别', '工种', '技能等级', '手机号'],
			['DH-DL-T1', `FZC${part.fill}x${part.bytes}`, a, '男', b, '高级工', ''],
			['DH-DL-T1', `FZD${part.fill}x${part.bytes}`, c, '女', '电工', '技师', '13900000000']
		];
		return new File([rows.map((r) => r.map(csvCell).join(',')).join('\r\n')], part.name, { type: 'text/csv' });
	}
	const bytes = new Uint8Array(part.bytes).fill(part.fill);
	bytes.set(MAGIC[part.magic].slice(0, part.bytes));
	return new File([bytes], part.name, { type: part.type });
}

/** What one field of a form gets in one run. */
export type FieldValue =
	| { kind: 'keep' }
	| { kind: 'plausible'; n: number }
	| { kind: 'omit' }
	| { kind: 'option'; value: string }
	| { kind: 'text'; value: string }
	| { kind: 'many'; values: string[] }
	| { kind: 'file'; file: FilePart };

export function fieldValue(field: FormField, opts: { ids: number[]; overlong: boolean }): fc.Arbitrary<FieldValue> {
	const text = hostileText(opts);
	const choices: { weight: number; arbitrary: fc.Arbitrary<FieldValue> }[] = [
		{ weight: 4, arbitrary: fc.constant({ kind: 'keep' as const }) },
		{ weight: 5, arbitrary: text.map((value) => ({ kind: 'text' as const, value })) },
		{ weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 4 }).map((values) => ({ kind: 'many' as const, values })) },
		{ weight: 1, arbitrary: fc.constant({ kind: 'omit' as const }) }
	];
	if (field.options.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...field.options).map((value) => ({ kind: 'option' as const, value })) });
	if (field.type === 'file') choices.push({ weight: 4, arbitrary: filePart(opts).map((file) => ({ kind: 'file' as const, file })) });
	return fc.oneof(...choices);
}

/** Records of the fuzz database that plausible values refer to. */
export interface Context {
	/** employee numbers of workers the fuzzer does not sign in as (honour holders first) */
	people: string[];
	/** proposal serials */
	serials: string[];
}

/** Plausible values by field name: dates in order, shares that total 100, people who exist. */
const BY_NAME: Record<string, (n: number, ctx: Context) => string> = {
	registrationOpens: () => '2026-06-01',
	registrationCloses: () => '2026-06-20',
	startsOn: () => '2026-07-01',
	endsOn: () => '2026-07-20',
	foundedOn: () => '2020-03-01',
	designatedOn: () => '2021-05-01',
	trialFrom: () => '2026-01-01',
	on: () => '2025-05-01',
	from: () => '2026-01-01',
	to: () => '2026-12-31',
	noticeStartsAt: () => '2026-08-01T09:00',
	noticeEndsAt: () => '2026-08-08T17:00',
	conferredOn: (n) => String(2018 + (n % 8)),
	year: (n) => String(2020 + (n % 7)),
	ownShare: () => '60',
	'coShare[]': () => '40',
	'coNo[]': (n, c) => c.people[n % c.people.length] ?? '',
	leaderNo: (n, c) => c.people[n % c.people.length] ?? '',
	members: (n, c) => c.people.slice(n % 3, (n % 3) + 2).join('\n'),
	identifier: (n, c) => c.people[n % c.people.length] ?? '',
	reviewers: (n, c) => c.people.slice(n % 4, (n % 4) + 2).join(' '),
	employeeNo: (n) => `FZ${n}`,
	phone: (n) => `139${String(n).padStart(8, '0').slice(-8)}`,
	code: (n) => `FZ-${n}`,
	unitCode: (n) => `FZ-${n}`,
	codePrefix: () => 'F',
	proposalSerial: (n, c) => c.serials[n % c.serials.length] ?? '',
	into: (n, c) => c.serials[n % c.serials.length] ?? '',
	carryPct: () => '0',
	ownPct: () => '100',
	weight: () => '50',
	factor: () => '1',
	decimals: () => '2',
	trim: () => '0',
	judgementSpread: () => '1',
	max: () => '10',
	step: () => '0.5',
	teamMin: () => '1',
	teamMax: () => '1',
	advanceCount: () => '3',
	advanceMin: () => '60',
	count: () => '1',
	funding: () => '10000',
	benefit: () => '1000',
	'qty[]': () => '2',
	'price[]': () => '10.5',
	password: (n) => `Fuzz${n}pass`,
	confirm: (n) => `Fuzz${n}pass`,
	next: (n) => `Fuzz${n}pass`
};

/**
 * A value a person could have typed, so the other fields pass validation and the
 * hostile one reaches the service: what the page filled in, else one by name and input type.
 */
export function plausible(field: FormField, n: number, ctx: Context): string | null {
	if (field.type === 'file') return null;
	if (field.type.includes('unchecked')) return n % 2 ? field.options[0] : null;
	const choices = field.options.filter((o) => o !== '');
	if (field.tag === 'select' || field.type === 'radio' || (field.tag === 'button' && choices.length > 1))
		return n % 2 && choices.length ? choices[n % choices.length] : field.value || choices[0] || '';
	// what the page put in a hidden field is what the page would send, empty or not
	if (field.type === 'hidden') return field.value;
	// the page's own share (100 %) would not leave room for a co-proposer's
	if (field.value !== '' && field.name !== 'ownShare') return field.value;
	if (BY_NAME[field.name]) return BY_NAME[field.name](n, ctx);
	const name = field.name.toLowerCase();
	const { inputmode, min, max, maxlength } = field.hints;
	if (field.type === 'date' || /(On|Date)$/.test(field.name)) return `2026-0${(n % 9) + 1}-1${n % 10}`;
	if (field.type === 'datetime-local') return `2026-0${(n % 9) + 1}-1${n % 10}T10:00`;
	if (field.type === 'number' || inputmode === 'decimal' || inputmode === 'numeric' || /^m\d+$/.test(field.name)) {
		// without bounds, a small whole number: within the range and step of most marks
		const lo = Number(min ?? 0);
		const hi = Number(max ?? lo + 2);
		return String(Math.min(hi, lo + (n % Math.max(1, Math.floor(hi - lo) + 1))));
	}
	if (field.type === 'tel' || name.includes('phone')) return `139${String(n).padStart(8, '0').slice(-8)}`;
	return `Fuzz 测试 ${n}`.slice(0, Number(maxlength ?? 100));
}

/** Names a form does not have: prototype keys, array-style and hostile names. */
export const extraName = fc.oneof(
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'unitId', 'workerId', 'status', 'role', 'admin', 'x[]', 'm1', 'm999999999', 'a.b', '_', ''),
	scriptFragment,
	fc.string({ maxLength: 12 })
);

export type BodyMode = 'urlencoded' | 'multipart';

export interface ActionInput {
	values: FieldValue[];
	extras: [string, string][];
	mode: BodyMode;
	/** send `x-sveltekit-action: true` (JSON answer) instead of a plain form post (HTML answer) */
	enhanced: boolean;
}

export function actionInput(fields: FormField[], opts: { ids: number[]; overlong: boolean; multipart: boolean; ctx: Context }): fc.Arbitrary<ActionInput> {
	// every field random, or a plausible form with one or two hostile fields,
	const random = fc.tuple(...fields.map((f) => fieldValue(f, opts))) as fc.Arbitrary<FieldValue[]>;
	const oneBad = fields.length
		? fc
				.tuple(fc.nat({ max: 99999 }), fc.uniqueArray(fc.nat({ max: fields.length - 1 }), { minLength: 1, maxLength: 2 }))
				.chain(([n, bad]) =>
					fc.tuple(...fields.map((f, i) => (bad.includes(i) ? fieldValue(f, opts) : fc.constant<FieldValue>({ kind: 'plausible', n })))) as fc.Arbitrary<FieldValue[]>
				)
		: random;
	// and now and then a form as a person fills it in, so records change state and later actions go deeper
	const allPlausible = fc.nat({ max: 99999 }).map((n) => fields.map((): FieldValue => ({ kind: 'plausible', n })));
	return fc.record({
		values: fc.oneof({ weight: 4, arbitrary: random }, { weight: 6, arbitrary: oneBad }, { weight: 1, arbitrary: allPlausible }),
		extras: fc.array(fc.tuple(extraName, hostileText({ ...opts, overlong: false })), { maxLength: 3 }),
		mode: opts.multipart ? fc.constant('multipart' as const) : fc.constantFrom<BodyMode>('urlencoded', 'urlencoded', 'multipart'),
		enhanced: fc.boolean()
	});
}

/** The body of one run: a FormData (multipart) or URLSearchParams (urlencoded). */
export function bodyOf(fields: FormField[], input: ActionInput, ctx: Context): FormData | URLSearchParams {
	const entries: [string, string | File][] = [];
	fields.forEach((f, i) => {
		const v = input.values[i];
		if (v.kind === 'plausible') {
			const p = plausible(f, v.n, ctx);
			if (p !== null) entries.push([f.name, p]);
		} else if (v.kind === 'keep') {
			if (!f.type.includes('unchecked') && f.type !== 'file') entries.push([f.name, f.value]);
		} else if (v.kind === 'option' || v.kind === 'text') entries.push([f.name, v.value]);
		else if (v.kind === 'many') for (const x of v.values) entries.push([f.name, x]);
		else if (v.kind === 'file') entries.push([f.name, fileOf(v.file)]);
	});
	for (const [k, v] of input.extras) entries.push([k, v]);
	const hasFile = entries.some(([, v]) => typeof v !== 'string');
	if (input.mode === 'multipart' || hasFile) {
		const fd = new FormData();
		for (const [k, v] of entries) fd.append(k, v);
		return fd;
	}
	return new URLSearchParams(entries as [string, string][]);
}

/** Raw bodies no browser sends: broken multipart, wrong content types, broken encodings. */
export interface RawBody {
	contentType: string;
	body: string | ArrayBuffer;
	label: string;
}

export const rawBody: fc.Arbitrary<RawBody> = fc.oneof(
	fc.constant({ label: 'multipart without boundary', contentType: 'multipart/form-data', body: 'a=1' }),
	fc.constant({ label: 'multipart, wrong boundary', contentType: 'multipart/form-data; boundary=XYZ', body: '--ABC\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--ABC--\r\n' }),
	fc.constant({ label: 'multipart, truncated', contentType: 'multipart/form-data; boundary=XYZ', body: '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc' }),
	fc.constant({ label: 'multipart, no name', contentType: 'multipart/form-data; boundary=XYZ', body: '--XYZ\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--XYZ--\r\n' }),
	fc.constant({ label: 'JSON to a form action', contentType: 'application/json', body: '{"title":"x"' }),
	fc.constant({ label: 'text/plain', contentType: 'text/plain', body: 'title=x' }),
	fc.constant({ label: 'no content type', contentType: '', body: 'title=x' }),
	fc.constant({ label: 'XML', contentType: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' }),
	fc.constant({ label: 'broken percent-encoding', contentType: 'application/x-www-form-urlencoded', body: 'title=%zz&name=%E0%A4&%=%%&reason=%ED%A0%80' }),
	fc.constant({ label: 'invalid UTF-8 bytes', contentType: 'application/x-www-form-urlencoded', body: new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3d, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]).buffer }),
	fc.constant({ label: 'empty urlencoded', contentType: 'application/x-www-form-urlencoded', body: '' }),
	fc.constant({ label: 'many keys', contentType: 'application/x-www-form-urlencoded', body: Array.from({ length: 20000 }, (_, i) => `k${i}=${i}`).join('&') }),
	fc.constant({ label: 'charset nonsense', contentType: 'application/x-www-form-urlencoded; charset=x-unknown', body: 'title=x' })
);

/** JSON bodies for a JSON endpoint: valid shapes with hostile contents, wrong shapes, and broken JSON. */
export function jsonBody(opts: { ids: number[]; aspectIds: number[] }): fc.Arbitrary<{ label: string; body: string }> {
	const markValue = fc.oneof(hostileText({ ids: opts.ids, overlong: false }), fc.constantFrom('0', '1', '0.5', '10', '-1', '1e3'), fc.double().map(String));
	const key = fc.oneof(fc.constantFrom(...(opts.aspectIds.length ? opts.aspectIds : [1])).map(String), fc.constantFrom('0', '-1', '1e3', '999999999', '9999999999', '__proto__', 'a'));
	const anyJson = fc.jsonValue({ maxDepth: 3 });
	return fc.oneof(
		fc.record({ version: fc.oneof(fc.constant(null), fc.nat(), fc.integer(), fc.double(), fc.constant(1e309 as number), fc.string()), marks: fc.dictionary(key, fc.oneof(markValue, anyJson), { maxKeys: 8 }) }).map((v) => ({ label: 'sheet shape', body: JSON.stringify(v) })),
		anyJson.map((v) => ({ label: 'any JSON', body: JSON.stringify(v) })),
		fc.constantFrom('', '{', '{"version":', 'null', '[]', '"x"', '{"version":0,"marks":{"1":"1"}}}', '\u0000', '{"__proto__":{"polluted":1},"version":0,"marks":{}}', '{"version":1e309,"marks":{}}', `{"version":0,"marks":{${Array.from({ length: 600 }, (_, i) => `"${i + 1}":"1"`).join(',')}}}`).map((body) => ({ label: 'raw JSON', body }))
	);
}

/** A query string with hostile values for known and unknown names. */
export function queryOf(names: string[], opts: { ids: number[] }): fc.Arbitrary<[string, string][]> {
	const name = fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...(names.length ? names : ['q'])) },
		{ weight: 1, arbitrary: fc.constantFrom('page', 'q', 'year', 'status', 'unit', 'sort', 'order', 'lang', 'redirectTo', '__proto__') },
		{ weight: 1, arbitrary: extraName }
	);
	return fc.array(fc.tuple(name, hostileText({ ids: opts.ids, overlong: false })), { minLength: 1, maxLength: 5 });
}

// ---------------------------------------------------------------- checks

/**
 * Ways hostile input shows up unescaped in HTML: a script or tag made from the
 * input, an event-handler attribute carrying the marker, or a javascript: URL.
 * Escaped text (`&lt;script&gt;jgXSS1`, `onerror=jgXSS1` inside text or inside a
 * quoted attribute value) does not count: attributes are read with their quoting.
 */
export function unescapedInjections(html: string): string[] {
	const found: string[] = [];
	for (const raw of [`<script>${MARKER}`, `<img src=x onerror=${MARKER}`, `<svg onload=${MARKER}`, `<a href="javascript:${MARKER}`])
		if (html.includes(raw)) found.push(`raw "${raw}…"`);
	const tag = /<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
	for (const m of html.matchAll(tag)) {
		const name = m[1].toLowerCase();
		if (!m[2].includes(MARKER)) continue;
		for (const [attr, value] of Object.entries(attributesOf(`<${name}${m[2]}>`))) {
			if (!value.includes(MARKER) && !attr.includes(MARKER.toLowerCase())) continue;
			if (/^on/.test(attr)) found.push(`<${name} ${attr}="${value.slice(0, 60)}">`);
			else if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(attr) && /^\s*javascript:/i.test(value)) found.push(`<${name} ${attr}="${value.slice(0, 60)}">`);
			else if (attr.includes(MARKER.toLowerCase())) found.push(`<${name}> attribute ${attr} from input`);
		}
	}
	return found;
}

export function snippet(text: string, around: string, width = 120): string {
	const at = text.indexOf(around);
	return at < 0 ? text.slice(0, width) : text.slice(Math.max(0, at - width / 2), at + width / 2);
}

/** JSON.stringify that shortens long strings, so a counterexample stays readable. */
export function readable(value: unknown): string {
	return JSON.stringify(value, (_, v) => {
		if (typeof v === 'string' && v.length > 160) return `${v.slice(0, 60)}…(${v.length} chars of ${JSON.stringify(v.slice(0, 4))}…)`;
		return v;
	});
}
