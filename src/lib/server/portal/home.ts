import { asc, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { units } from '../db/schema';
import { today } from '../competitions/context';
import { contestWorkers } from '../competitions/entries';
import { proposalMonths } from '../proposals/stats';
import { latestResults, publicCompetitions } from '../results/public';
import { annualPoints, latestMedalCompetition, medalTable } from '../results/tables';
import { studioShowcase } from '../studios/public';
import { modelGallery } from '../studios/profiles';
import { countMetrics } from '../targets';
import { federationOverview } from '../units/overview';

const FEATURED = 4;

/**
 * The public home page: what is open and under way, the latest results, the
 * leaderboards, featured studios and model workers, and the year's headline figures
 * (counted the way the targets count them) with their charts. Public fields only.
 */
export function homePortal(db: DB, now = new Date()) {
	const year = Number(today(now).slice(0, 4));
	const root = db.select({ path: units.path }).from(units).where(isNull(units.parentId)).orderBy(asc(units.id)).get();
	const figures = root ? countMetrics(db, year, [root.path]).get(root.path)! : null;
	const competitions = publicCompetitions(db);
	const medalsOf = latestMedalCompetition(db);
	const medals = medalsOf ? medalTable(db, medalsOf) : null;
	return {
		year,
		overview: federationOverview(db),
		figures: figures && { participants: figures.contest_workers, proposals: figures.proposals, adopted: figures.adopted, benefitWan: figures.benefit_wan },
		months: proposalMonths(db, year),
		contestTypes: contestWorkers(db, year, 'type').map((r) => ({ type: r.key, n: r.n })),
		open: competitions.filter((c) => c.status === 'registration' || c.status === 'in_progress').slice(0, 6),
		results: latestResults(db, 4),
		medals: medals && { competition: medals.competition, rows: medals.rows.slice(0, 5) },
		points: annualPoints(db, { year: String(year), of: 'units', unitId: null, type: null, page: 1 }).rows.slice(0, 5),
		studios: studioShowcase(db, {}, FEATURED),
		models: modelGallery(db, {}, FEATURED)
	};
}
