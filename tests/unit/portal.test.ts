import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from './helpers';
import type { DB } from '$lib/server/db';
import { stages, events, studios, userRoles, users, workers } from '$lib/server/db/schema';
import { seedDemoIfEmpty } from '$lib/server/demo/seed';
import { loadActor, type Actor } from '$lib/server/auth/actor';
import { homePortal } from '$lib/server/portal/home';
import { publicPaths, sitemapXml } from '$lib/server/portal/sitemap';
import { publicStageResults } from '$lib/server/results/public';
import { publishResults } from '$lib/server/results/versions';
import { createCompetition } from '$lib/server/competitions';
import { today, daysFromToday } from '$lib/server/competitions/context';
import { takeStudioStep } from '$lib/server/studios/designation';
import { approveProfile, saveOwnProfile } from '$lib/server/studios/profiles';
import { localizedPath } from '$lib/i18n/locale-url';

let db: DB;
let officer: Actor;
let admin: Actor;
let draftId: number;
let revokedId: number;
let keptStudioId: number;
/** applied for a studio, consented to a profile nobody has approved */
let pendingProfileWorker: number;
let applicant: Actor;
/** published by the demo */
let modelWorker: number;
const NOW = new Date();
const YEAR = Number(today(NOW).slice(0, 4));

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const actorByNo = (no: string) => {
	const w = db.select().from(workers).where(eq(workers.employeeNo, no)).get()!;
	return loadActor(db, db.select().from(users).where(eq(users.workerId, w.id)).get()!.id)!;
};
const accountFor = (workerId: number) => {
	const now = new Date();
	const u = db.insert(users).values({ workerId, passwordHash: 'x', createdAt: now, passwordChangedAt: now }).returning().get();
	db.insert(userRoles).values({ userId: u.id, role: 'worker', unitId: 0 }).run();
	return loadActor(db, u.id)!;
};

beforeAll(async () => {
	db = freshDb();
	expect(await seedDemoIfEmpty(db)).not.toBeNull();
	officer = actorByNo('DH001');
	admin = actorByNo('ZGH001');
	// the linemen's final (locked by the demo) goes on notice without names
	const lines = db.select({ id: stages.id }).from(stages).innerJoin(events, eq(events.id, stages.eventId)).where(eq(events.name, '电力线路工')).get()!;
	publishResults(db, officer, lines.id, { noticeStartsAt: new Date(Date.now() - 86_400_000), noticeEndsAt: new Date(Date.now() + 5 * 86_400_000), showNames: false });
	// a draft competition, with a title that would break XML
	draftId = createCompetition(db, officer, {
		unitId: officer.officerScopes[0].unitId,
		title: '草稿 <竞赛> & "测试"',
		type: 'skills',
		startsOn: daysFromToday(30),
		endsOn: daysFromToday(31),
		registrationOpens: daysFromToday(1),
		registrationCloses: daysFromToday(20),
		rules: ''
	}).id;
	// the enterprise craftsman studio loses its title; the city studio keeps it
	revokedId = db.select().from(studios).where(eq(studios.type, 'craftsman')).get()!.id;
	keptStudioId = db.select().from(studios).where(eq(studios.type, 'model')).get()!.id;
	takeStudioStep(db, admin, revokedId, { action: 'revoke', note: '复评不合格' });
	// the applicant (a 江城市劳动模范) writes a profile and consents, but nobody approves it
	const applied = db.select().from(studios).where(eq(studios.status, 'applied')).get()!;
	pendingProfileWorker = applied.leaderWorkerId;
	applicant = accountFor(pendingProfileWorker);
	saveOwnProfile(db, applicant, { story: '待审核的事迹', consent: true, photo: null, removePhoto: false });
	modelWorker = db.select().from(studios).where(eq(studios.id, keptStudioId)).get()!.leaderWorkerId;
}, 180_000);

describe('homePortal', () => {
	it('the year’s figures equal independent counts over the same records', () => {
		const home = homePortal(db, NOW);
		expect(home.year).toBe(YEAR);
		const from = new Date(`${YEAR}-01-01T00:00:00+08:00`).getTime();
		const to = new Date(`${YEAR + 1}-01-01T00:00:00+08:00`).getTime();
		const proposals = one<{ n: number }>(`select count(*) n from proposals where status not in ('draft','merged') and submitted_at >= ? and submitted_at < ?`, from, to).n;
		const adopted = one<{ n: number }>(
			`select count(distinct p.id) n from proposal_events e join proposals p on p.id = e.proposal_id
			 where e.to_status = 'adopted' and e.at >= ? and e.at < ?
			 and p.status in ('adopted','implementing','trial','assessment','confirmed','rewarded')`,
			from,
			to
		).n;
		const fen = one<{ s: number | null }>(`select sum(annual_fen) s from proposal_benefits where confirmed_at >= ? and confirmed_at < ?`, from, to).s ?? 0;
		const participants = one<{ n: number }>(
			`select count(distinct m.worker_id) n from entry_members m join entries e on e.id = m.entry_id join events ev on ev.id = e.event_id
			 join competitions c on c.id = ev.competition_id where e.status = 'approved' and c.starts_on like ?`,
			`${YEAR}-%`
		).n;
		// the demo dates its records up to ~200 days back from the seeding day: past February
		// this year has some of each to count (earlier, the counts may rightly be 0)
		if (today(NOW).slice(5) >= '03-01') {
			expect(proposals).toBeGreaterThan(0);
			expect(adopted).toBeGreaterThan(0);
			expect(participants).toBeGreaterThan(0);
		}
		expect(home.figures).toEqual({ participants, proposals, adopted, benefitWan: Math.round(fen / 100_000) / 10 });
		// the monthly chart adds up to the year's figures
		expect(home.months).toHaveLength(12);
		expect(home.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`));
		expect(home.months.reduce((a, m) => a + m.submitted, 0)).toBe(proposals);
		// participants by competition type add up to the distinct workers (one type per worker in the demo at most)
		const byType = all<{ type: string; n: number }>(
			`select c.type, count(distinct m.worker_id) n from entry_members m join entries e on e.id = m.entry_id join events ev on ev.id = e.event_id
			 join competitions c on c.id = ev.competition_id where e.status = 'approved' and c.starts_on like ? group by c.type`,
			`${YEAR}-%`
		);
		expect([...home.contestTypes].sort((a, b) => a.type.localeCompare(b.type))).toEqual(byType.sort((a, b) => a.type.localeCompare(b.type)));
	});

	it('the overview counts unions, enterprises, teams, workers and accounts', () => {
		const count = (type: string) => one<{ n: number }>(`select count(*) n from units where type = ?`, type).n;
		expect(homePortal(db, NOW).overview).toEqual({
			federation: '江城市总工会',
			unions: count('district') + count('industry'),
			enterprises: count('enterprise'),
			teams: count('team'),
			workers: one<{ n: number }>('select count(*) n from workers').n,
			accounts: one<{ n: number }>('select count(*) n from users').n
		});
		expect(count('district') + count('industry')).toBe(4);
		expect(count('enterprise')).toBe(15);
	});

	it('open lists only competitions in registration or under way, newest first, never a draft', () => {
		const home = homePortal(db, NOW);
		const expected = all<{ id: number }>(`select id from competitions where status in ('registration','in_progress') order by starts_on desc, id desc limit 6`).map((r) => r.id);
		expect(expected.length).toBeGreaterThanOrEqual(2);
		expect(home.open.map((c) => c.id)).toEqual(expected);
		expect(home.open.every((c) => c.status === 'registration' || c.status === 'in_progress')).toBe(true);
		expect(home.open.map((c) => c.id)).not.toContain(draftId);
		// the published contest is in results, not in open
		const published = one<{ id: number }>(`select id from competitions where status = 'published'`).id;
		expect(home.open.map((c) => c.id)).not.toContain(published);
	});

	it('results show names exactly where the public results page does', () => {
		const home = homePortal(db, NOW);
		// the welders' final (names shown) and the linemen's notice (names withheld)
		expect(home.results).toHaveLength(2);
		const shown = home.results.map((r) => publicStageResults(db, r.stageId).namesShown);
		expect(shown.sort()).toEqual([false, true]);
		for (const r of home.results) {
			const page = publicStageResults(db, r.stageId);
			const entrants = all<{ name: string; code: string | null }>(
				`select w.name, e.code from stages s join entries e on e.event_id = s.event_id join entry_members m on m.entry_id = e.id join workers w on w.id = m.worker_id where s.id = ? and e.status = 'approved'`,
				r.stageId
			);
			expect(entrants.length).toBeGreaterThan(0);
			const top = page.rows.filter((row) => row.rank !== null && row.rank <= 3).sort((a, b) => a.rank! - b.rank! || a.entryId - b.entryId);
			expect(r.top.map((t) => [t.rank, t.total])).toEqual(top.slice(0, 6).map((row) => [row.rank, row.total]));
			if (page.namesShown) {
				expect(r.top.map((t) => t.name)).toEqual(top.slice(0, 6).map((row) => row.name));
				expect(r.top.every((t) => t.name !== '' && t.unit !== null)).toBe(true);
			} else {
				// the blind code only, no unit, and no entrant's name anywhere in the card
				expect(r.top.map((t) => t.name)).toEqual(top.slice(0, 6).map((row) => row.code));
				expect(r.top.every((t) => t.unit === null)).toBe(true);
				const card = JSON.stringify(r);
				for (const e of entrants) expect(card).not.toContain(e.name);
			}
		}
	});

	it('holds no phone or employee number anywhere', () => {
		const json = JSON.stringify(homePortal(db, NOW));
		const people = all<{ phone: string | null; employee_no: string }>('select phone, employee_no from workers');
		expect(people.length).toBeGreaterThan(300);
		const leaked = people.flatMap((p) => [p.phone, p.employee_no]).filter((x): x is string => !!x && json.includes(x));
		expect(leaked).toEqual([]);
		// what is there is public: the studios shown are designated, the model workers published
		const home = homePortal(db, NOW);
		expect(home.studios.map((s) => s.id)).toEqual([keptStudioId]);
		expect(home.models.map((m) => m.workerId)).toEqual([modelWorker]);
	});
});

describe('sitemap', () => {
	const idsOf = (paths: string[], prefix: string) =>
		paths
			.filter((p) => new RegExp(`^${prefix}\\d+$`).test(p))
			.map((p) => Number(p.slice(prefix.length)))
			.sort((a, b) => a - b);

	it('publicPaths lists every public page and nothing that is not public', () => {
		const paths = publicPaths(db);
		expect(paths.slice(0, 7)).toEqual(['/', '/results', '/results/points', '/proposals', '/studios', '/studios/ranking', '/model-workers']);
		expect(new Set(paths).size).toBe(paths.length);
		const competitions = all<{ id: number }>(`select id from competitions where status <> 'draft' order by id`).map((r) => r.id);
		expect(idsOf(paths, '/results/competitions/')).toEqual(competitions);
		expect(competitions).not.toContain(draftId);
		const withResults = all<{ id: number }>(
			`select distinct ev.competition_id id from result_versions v join stages s on s.id = v.stage_id join events ev on ev.id = s.event_id where v.status in ('notice','final') order by 1`
		).map((r) => r.id);
		expect(paths.filter((p) => p.endsWith('/medals')).map((p) => Number(p.split('/')[3])).sort((a, b) => a - b)).toEqual(withResults);
		const stagesPublished = all<{ id: number }>(`select distinct stage_id id from result_versions where status in ('notice','final') order by 1`).map((r) => r.id);
		expect(stagesPublished).toHaveLength(2);
		expect(idsOf(paths, '/results/stages/')).toEqual(stagesPublished);
		expect(idsOf(paths, '/studios/')).toEqual([keptStudioId]);
		expect(idsOf(paths, '/studios/')).not.toContain(revokedId);
		expect(idsOf(paths, '/model-workers/')).toEqual([modelWorker]);
		expect(idsOf(paths, '/model-workers/')).not.toContain(pendingProfileWorker);
	});

	it('lists each page in all three languages, each naming its translations', () => {
		const origin = 'https://jg.example';
		const xml = sitemapXml(db, origin);
		const paths = publicPaths(db);
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')).toBe(true);
		expect(xml.endsWith('\n</urlset>\n')).toBe(true);
		const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
		expect(locs).toEqual(
			paths.flatMap((p) => [`${origin}${p}`, `${origin}${p === '/' ? '/zh-Hant' : `/zh-Hant${p}`}`, `${origin}${p === '/' ? '/en' : `/en${p}`}`])
		);
		expect(locs.slice(0, 3)).toEqual(['https://jg.example/', 'https://jg.example/zh-Hant', 'https://jg.example/en']);
		expect(xml.split('<url>').length - 1).toBe(paths.length * 3);
		// every <url> names the same three alternates
		const first = xml.split('\n')[2];
		expect(first).toBe(
			'<url><loc>https://jg.example/</loc>' +
				'<xhtml:link rel="alternate" hreflang="zh-Hans" href="https://jg.example/"/>' +
				'<xhtml:link rel="alternate" hreflang="zh-Hant" href="https://jg.example/zh-Hant"/>' +
				'<xhtml:link rel="alternate" hreflang="en" href="https://jg.example/en"/></url>'
		);
		const results = `/results/stages/${idsOf(paths, '/results/stages/')[0]}`;
		for (const l of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(xml).toContain(`<url><loc>${origin}${localizedPath(results, l)}</loc><xhtml:link rel="alternate" hreflang="zh-Hans" href="${origin}${results}"/>`);
		expect(xml).not.toContain(`/results/competitions/${draftId}<`);
		expect(xml).not.toContain(`/studios/${revokedId}<`);
		expect(xml).not.toContain(`/model-workers/${pendingProfileWorker}<`);
		expect(xml).not.toContain('草稿');
	});

	it('escapes XML in what it writes', () => {
		const xml = sitemapXml(db, 'https://jg.example/?a=1&b=<2>"');
		expect(xml).toContain('<loc>https://jg.example/?a=1&amp;b=&lt;2&gt;&quot;/</loc>');
		expect(xml).toContain('href="https://jg.example/?a=1&amp;b=&lt;2&gt;&quot;/zh-Hant"');
		// no bare ampersand, no stray angle bracket or quote inside a value
		expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
		expect(xml).not.toContain('<2>');
		expect(xml).not.toContain('"/>"');
	});

	it('a profile leaves the sitemap when consent is withdrawn, and joins it once approved', () => {
		approveProfile(db, officer, pendingProfileWorker, true);
		expect(idsOf(publicPaths(db), '/model-workers/')).toEqual([modelWorker, pendingProfileWorker].sort((a, b) => a - b));
		// the same story, consent withdrawn: the approval stays on file but nothing is published
		saveOwnProfile(db, applicant, { story: '待审核的事迹', consent: false, photo: null, removePhoto: false });
		expect(idsOf(publicPaths(db), '/model-workers/')).toEqual([modelWorker]);
		expect(sitemapXml(db, 'https://jg.example')).not.toContain(`/model-workers/${pendingProfileWorker}<`);
	});
});
