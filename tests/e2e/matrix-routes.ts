import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The route list of the app, read from src/routes at test time, so that the
 * authorisation matrix fails when a route, action or endpoint method appears
 * without an entry (or an entry outlives its route).
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One thing a client can ask of the app: a page, a form action or an endpoint method. */
export interface Discovered {
	/** e.g. `GET /officer/workers/[id]`, `POST /officer/workers/[id]?/role`, `PUT /api/sheets/[stageId]/[entryId]` */
	key: string;
	kind: 'page' | 'action' | 'endpoint';
	/** the URL pattern, route groups removed */
	pattern: string;
	/** the file it was found in, relative to the repository */
	file: string;
}

const PAGE_FILES = ['+page.svelte', '+page.server.ts', '+page.server.js', '+page.ts', '+page.js'];
const PAGE_SERVER = ['+page.server.ts', '+page.server.js'];
const ENDPOINT = ['+server.ts', '+server.js'];

/** `(app)/officer/workers/[id]` → `/officer/workers/[id]` */
export function urlPattern(dir: string): string {
	const segments = dir.split(sep).filter((s) => s && !/^\(.+\)$/.test(s));
	return '/' + segments.join('/');
}

function parse(file: string): ts.SourceFile {
	return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const isExported = (node: ts.Node) => !!ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Strips `x as T`, `x satisfies T`, `(x)` and `x!` around an expression. */
function unwrap(e: ts.Expression): ts.Expression {
	while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
	return e;
}

function propertyName(name: ts.PropertyName): string {
	if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
	throw new Error(`computed action name ${name.getText()} in ${name.getSourceFile().fileName}: give the matrix a literal name`);
}

/** The names in `export const actions = { ... }` (a plain object literal, as Kit requires). */
export function actionNames(file: string): string[] {
	const source = parse(file);
	const names: string[] = [];
	let found = false;
	for (const statement of source.statements) {
		if (ts.isVariableStatement(statement) && isExported(statement)) {
			for (const d of statement.declarationList.declarations) {
				if (!ts.isIdentifier(d.name) || d.name.text !== 'actions') continue;
				found = true;
				const init = d.initializer && unwrap(d.initializer);
				if (!init || !ts.isObjectLiteralExpression(init)) throw new Error(`${file}: \`actions\` is not an object literal; the matrix cannot read its names`);
				for (const p of init.properties) {
					if (ts.isSpreadAssignment(p)) throw new Error(`${file}: a spread in \`actions\`; the matrix cannot read its names`);
					names.push(propertyName(p.name!));
				}
			}
		}
		if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
			if (statement.exportClause.elements.some((e) => e.name.text === 'actions')) throw new Error(`${file}: \`actions\` re-exported; the matrix cannot read its names`);
		}
	}
	if (!found && /export\s+(const|let|var)\s+actions\b/.test(source.text)) throw new Error(`${file}: \`actions\` not understood`);
	return names;
}

/** The HTTP methods a +server.ts exports (as `const`, `function` or `export { x as GET }`); `fallback` counts as ANY. */
export function endpointMethods(file: string): string[] {
	const source = parse(file);
	const methods = new Set<string>();
	const add = (name: string) => {
		if ((HTTP_METHODS as readonly string[]).includes(name) || name === 'HEAD' || name === 'OPTIONS' || name === 'fallback') methods.add(name === 'fallback' ? 'ANY' : name);
	};
	for (const s of source.statements) {
		if (ts.isVariableStatement(s) && isExported(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text);
		if (ts.isFunctionDeclaration(s) && isExported(s) && s.name) add(s.name.text);
		if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) for (const e of s.exportClause.elements) add(e.name.text);
	}
	return [...methods].sort();
}

/** Walks `routesDir` and lists every page, form action and endpoint method. */
export function discoverRoutes(root: string, routesDir = join(root, 'src', 'routes')): Discovered[] {
	const out: Discovered[] = [];
	const walk = (dir: string) => {
		const names = readdirSync(dir).sort();
		const rel = relative(routesDir, dir);
		const pattern = urlPattern(rel);
		const fileOf = (n: string) => relative(root, join(dir, n)).split(sep).join('/');
		if (names.some((n) => PAGE_FILES.includes(n))) {
			out.push({ key: `GET ${pattern}`, kind: 'page', pattern, file: fileOf(names.find((n) => n.startsWith('+page'))!) });
		}
		for (const server of names.filter((n) => PAGE_SERVER.includes(n))) {
			for (const a of actionNames(join(dir, server))) {
				out.push({ key: a === 'default' ? `POST ${pattern}` : `POST ${pattern}?/${a}`, kind: 'action', pattern, file: fileOf(server) });
			}
		}
		for (const endpoint of names.filter((n) => ENDPOINT.includes(n))) {
			// a GET beside a page answers only non-HTML requests: its own entry
			const hasPage = names.some((n) => PAGE_FILES.includes(n));
			for (const m of endpointMethods(join(dir, endpoint))) out.push({ key: `${m} ${pattern}${hasPage && m === 'GET' ? ' (+server)' : ''}`, kind: 'endpoint', pattern, file: fileOf(endpoint) });
		}
		for (const n of names) if (!n.startsWith('+') && statSync(join(dir, n)).isDirectory()) walk(join(dir, n));
	};
	walk(routesDir);
	return out;
}
