/**
 * Innovation studios (劳模/工匠/职工创新工作室) and the honours that qualify their
 * leaders: the designation workflow as a table of steps, who may designate at
 * which level, and the yearly assessment's indicator sheet. Pure: no I/O.
 */

/* -------------------------------------------------------------- honours */

/** Honours of a person, highest first within each family; and two of a unit or team. */
export const HONOUR_KINDS = [
	'national_model', // 全国劳动模范
	'provincial_model', // 省劳动模范
	'city_model', // 市劳动模范
	'national_may1', // 全国五一劳动奖章
	'provincial_may1', // 省五一劳动奖章
	'great_craftsman', // 大国工匠
	'provincial_craftsman', // 省级工匠
	'city_craftsman', // 市级工匠
	'technical_expert', // 技术能手
	'chief_worker', // 首席职工
	'contest', // a title conferred by a contest's award (技术能手 of an event …)
	'other'
] as const;
export type HonourKind = (typeof HONOUR_KINDS)[number];

export const UNIT_HONOUR_KINDS = ['pioneer', 'ankang_cup', 'other'] as const; // 工人先锋号, 安康杯
export type UnitHonourKind = (typeof UNIT_HONOUR_KINDS)[number];

/** Honours that make someone a 劳模 for the gallery (劳模风采). */
export const MODEL_WORKER_HONOURS: readonly HonourKind[] = ['national_model', 'provincial_model', 'city_model', 'national_may1', 'provincial_may1', 'great_craftsman', 'provincial_craftsman', 'city_craftsman'];

/* -------------------------------------------------------------- studios */

export const STUDIO_TYPES = ['model', 'craftsman', 'worker'] as const; // 劳模 / 工匠 / 职工创新工作室
export type StudioType = (typeof STUDIO_TYPES)[number];

/** Levels of designation, lowest first. */
export const STUDIO_LEVELS = ['enterprise', 'city', 'province', 'national'] as const;
export type StudioLevel = (typeof STUDIO_LEVELS)[number];

export const levelRank = (l: StudioLevel) => STUDIO_LEVELS.indexOf(l);

/**
 * The highest level a union may designate at itself: an enterprise (or district,
 * industry) union its enterprise level, the city federation the city level.
 * Provincial and national designations are made elsewhere and only recorded.
 */
export function designatingAuthority(unitType: string): StudioLevel {
	return unitType === 'federation' ? 'city' : 'enterprise';
}

export const mayDesignate = (unitType: string, level: StudioLevel) => levelRank(level) <= levelRank(designatingAuthority(unitType));

/**
 * Whether a union may reassess (keep, warn, revoke) a studio of this level. A level
 * designated elsewhere is the federation's to look after, as the city level is.
 */
export const mayReassess = (unitType: string, level: StudioLevel) => mayDesignate(unitType, levelRank(level) > levelRank('city') ? 'city' : level);

/** The honours that qualify a leader, per studio type: the federation's defaults. */
export const DEFAULT_LEADER_HONOURS: Record<StudioType, HonourKind[]> = {
	model: ['national_model', 'provincial_model', 'city_model', 'national_may1', 'provincial_may1'],
	craftsman: ['great_craftsman', 'provincial_craftsman', 'city_craftsman', 'national_may1', 'provincial_may1'],
	worker: ['national_model', 'provincial_model', 'city_model', 'national_may1', 'provincial_may1', 'great_craftsman', 'provincial_craftsman', 'city_craftsman', 'technical_expert', 'chief_worker']
};

/** Whether a leader holding these (unrevoked) honours may lead a studio of this type. */
export function leaderQualifies(held: readonly HonourKind[], required: readonly HonourKind[]): boolean {
	return held.some((h) => required.includes(h));
}

export const STUDIO_STATUSES = ['applied', 'reviewing', 'designated', 'warned', 'rejected', 'revoked'] as const;
export type StudioStatus = (typeof STUDIO_STATUSES)[number];

/** Statuses shown in the public showcase. */
export const SHOWCASE_STATUSES: readonly StudioStatus[] = ['designated', 'warned'];

export const STUDIO_ACTIONS = ['review', 'designate', 'reject', 'keep', 'upgrade', 'warn', 'revoke'] as const;
export type StudioAction = (typeof STUDIO_ACTIONS)[number];

interface StudioStep {
	from: readonly StudioStatus[];
	to: StudioStatus;
	/** a written reason is required */
	reason?: boolean;
}

/**
 * 命名 and 复评: an application is reviewed against the indicator sheet, then
 * designated at a level (or rejected); at each reassessment a studio is kept,
 * upgraded, warned or revoked (摘牌). A warned studio is kept once it has put
 * things right, or revoked.
 */
export const STUDIO_STEPS: Record<StudioAction, StudioStep> = {
	review: { from: ['applied'], to: 'reviewing' },
	designate: { from: ['applied', 'reviewing'], to: 'designated' },
	reject: { from: ['applied', 'reviewing'], to: 'rejected', reason: true },
	keep: { from: ['designated', 'warned'], to: 'designated' },
	upgrade: { from: ['designated'], to: 'designated' },
	warn: { from: ['designated'], to: 'warned', reason: true },
	revoke: { from: ['designated', 'warned'], to: 'revoked', reason: true }
};

export const studioStepRefusal = (status: StudioStatus, action: StudioAction): 'state' | null => (STUDIO_STEPS[action].from.includes(status) ? null : 'state');

export const studioStepsFrom = (status: StudioStatus): StudioAction[] => STUDIO_ACTIONS.filter((a) => studioStepRefusal(status, a) === null);

/** Years between reassessments (复评), and the date of the next one. */
export const REASSESS_YEARS = 3;

export function nextReassessment(from: string, years = REASSESS_YEARS): string {
	const [y, mo, d] = from.split('-').map(Number);
	const date = new Date(Date.UTC(y + years, mo - 1, d));
	// 29 February falls back to 28 February in a common year
	if (date.getUTCMonth() !== mo - 1) date.setUTCDate(0);
	return date.toISOString().slice(0, 10);
}

/* --------------------------------------------------------- achievements */

export const ACHIEVEMENT_KINDS = [
	'patent', // 专利 (number, type)
	'technique', // 命名操作法 / 先进操作法
	'problem', // 攻克技术难题
	'award', // 获奖成果
	'proposal', // 合理化建议被采纳 (linked to the proposal)
	'apprentice', // 带徒 (count)
	'training', // 培训 (sessions)
	'benefit' // 创造经济效益 (fen, verified)
] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

export const PATENT_TYPES = ['invention', 'utility', 'design'] as const; // 发明 / 实用新型 / 外观设计
export type PatentType = (typeof PATENT_TYPES)[number];

/** What an achievement counts as: 1 per record, its head count, or benefit in units of 10,000 yuan. */
export function achievementQuantity(a: { kind: AchievementKind; count: number | null; benefitFen: number | null }): number {
	if (a.kind === 'apprentice' || a.kind === 'training') return Math.max(0, a.count ?? 0);
	if (a.kind === 'benefit') return Math.floor(Math.max(0, a.benefitFen ?? 0) / 1_000_000);
	return 1;
}

/* ----------------------------------------------------- yearly assessment */

/**
 * One line of a year's indicator sheet.
 * - `count`: points `per` unit of the achievements of `achievement` logged in the year, capped at `max`;
 * - `review`: the reviewers' mean mark, 0..`max`;
 * - `deduction`: `per` points off for each recorded incident, at most `max` off.
 */
export interface Indicator {
	key: string;
	name: string;
	kind: 'count' | 'review' | 'deduction';
	achievement?: AchievementKind;
	per: number;
	max: number;
}

export const DEFAULT_INDICATORS: Indicator[] = [
	{ key: 'patent', name: '专利', kind: 'count', achievement: 'patent', per: 5, max: 20 },
	{ key: 'technique', name: '命名操作法', kind: 'count', achievement: 'technique', per: 5, max: 10 },
	{ key: 'problem', name: '攻克技术难题', kind: 'count', achievement: 'problem', per: 4, max: 16 },
	{ key: 'proposal', name: '合理化建议被采纳', kind: 'count', achievement: 'proposal', per: 1, max: 8 },
	{ key: 'apprentice', name: '带徒（人）', kind: 'count', achievement: 'apprentice', per: 1, max: 10 },
	{ key: 'training', name: '培训（场次）', kind: 'count', achievement: 'training', per: 0.5, max: 6 },
	{ key: 'benefit', name: '经济效益（每万元）', kind: 'count', achievement: 'benefit', per: 0.2, max: 10 },
	{ key: 'operation', name: '运行管理（评审）', kind: 'review', per: 1, max: 20 },
	{ key: 'safety', name: '安全质量事故', kind: 'deduction', per: 10, max: 20 }
];

export const MAX_INDICATORS = 16;

export interface IndicatorInput {
	/** quantities of each achievement kind logged in the year */
	achievements: Partial<Record<AchievementKind, number>>;
	/** mean reviewer mark per review indicator key (absent: not yet marked) */
	reviews: Record<string, number | undefined>;
	/** incidents per deduction indicator key */
	incidents: Record<string, number | undefined>;
}

export interface IndicatorScore {
	key: string;
	name: string;
	kind: Indicator['kind'];
	raw: number;
	points: number;
}

/**
 * Points are kept to two decimals, half up, line by line, so a sheet adds up as
 * printed. Rounded from the number's 12-digit decimal form, so 2.135 (stored as
 * 2.13499…) gives 2.14 as on paper.
 */
const round2 = (x: number) => Number(`${Math.round(Number(`${x.toPrecision(12)}e2`))}e-2`);

export function scoreIndicators(sheet: readonly Indicator[], input: IndicatorInput): { lines: IndicatorScore[]; total: number; complete: boolean } {
	let complete = true;
	const lines = sheet.map((ind): IndicatorScore => {
		if (ind.kind === 'count') {
			const raw = input.achievements[ind.achievement!] ?? 0;
			return { key: ind.key, name: ind.name, kind: ind.kind, raw, points: round2(Math.min(ind.max, raw * ind.per)) };
		}
		if (ind.kind === 'review') {
			const mark = input.reviews[ind.key];
			if (mark === undefined) complete = false;
			const raw = Math.max(0, Math.min(ind.max, mark ?? 0));
			return { key: ind.key, name: ind.name, kind: ind.kind, raw, points: round2(raw) };
		}
		const raw = Math.max(0, input.incidents[ind.key] ?? 0);
		return { key: ind.key, name: ind.name, kind: ind.kind, raw, points: 0 - round2(Math.min(ind.max, raw * ind.per)) };
	});
	return { lines, total: round2(lines.reduce((a, l) => a + l.points, 0)), complete };
}

export function indicatorSheetProblem(sheet: readonly Indicator[]): 'empty' | 'keys' | 'achievement' | 'numbers' | null {
	if (sheet.length === 0 || sheet.length > MAX_INDICATORS) return 'empty';
	if (new Set(sheet.map((i) => i.key)).size !== sheet.length) return 'keys';
	if (sheet.some((i) => i.kind === 'count' && !i.achievement)) return 'achievement';
	if (sheet.some((i) => !(i.per > 0) || !(i.max > 0) || i.max > 1000 || i.per > 1000)) return 'numbers';
	return null;
}

/** The most a sheet can give (its positive lines' maxima). */
export const sheetMax = (sheet: readonly Indicator[]) => sheet.filter((i) => i.kind !== 'deduction').reduce((a, i) => a + i.max, 0);

/**
 * Ranks studios by total within each level and type: equal totals share a rank
 * (1, 2, 2, 4), and the next key orders them for display only.
 */
export function rankStudios<T extends { level: StudioLevel; type: StudioType; total: number; name: string }>(rows: readonly T[]): (T & { rank: number })[] {
	const groups = new Map<string, T[]>();
	for (const r of rows) groups.set(`${r.level}/${r.type}`, [...(groups.get(`${r.level}/${r.type}`) ?? []), r]);
	const out: (T & { rank: number })[] = [];
	for (const level of [...STUDIO_LEVELS].reverse())
		for (const type of STUDIO_TYPES) {
			const g = [...(groups.get(`${level}/${type}`) ?? [])].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh'));
			g.forEach((r, i) => out.push({ ...r, rank: i > 0 && g[i - 1].total === r.total ? out[out.length - 1].rank : i + 1 }));
		}
	return out;
}

/** Ranked rows cut into runs of one level and type, in the ranking's order (one table each). */
export function groupsOf<T extends { level: StudioLevel; type: StudioType }>(rows: readonly T[]): { level: StudioLevel; type: StudioType; rows: T[] }[] {
	const out: { level: StudioLevel; type: StudioType; rows: T[] }[] = [];
	for (const r of rows) {
		const last = out.at(-1);
		if (last && last.level === r.level && last.type === r.type) last.rows.push(r);
		else out.push({ level: r.level, type: r.type, rows: [r] });
	}
	return out;
}
