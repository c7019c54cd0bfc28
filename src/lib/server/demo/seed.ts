import { count, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { accountRequests, activationCodes, units, userRoles, users, workers, type Role, type SkillLevel, type UnitType } from '../db/schema';
import { CODE_VALID_MS, generateCode, hashCode } from '../accounts/codes';
import { hashPassword } from '../auth/password';
import { writeAudit } from '../audit';
import { childPath } from '$lib/domain/units';
import { seedDemoContests } from './contest';
import { seedDemoProposals } from './proposals';
import { seedDemoStudios } from './studios';
import { seedDemoTargets } from './targets';

/** A small seeded generator so the demo is the same on every machine. */
export function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛郝顾龚邵万钱戴严孔向常汤康易乔文';
const GIVEN_M = ['建国', '志强', '海涛', '国强', '俊杰', '立新', '明', '伟', '磊', '军', '勇', '杰', '涛', '斌', '浩', '鹏', '超', '刚', '宏伟', '晓东', '永红', '德胜', '文博', '振华', '嘉豪', '子轩', '宇航', '世杰', '庆丰', '连生'];
const GIVEN_F = ['秀英', '丽娟', '静', '敏', '燕', '艳', '娟', '霞', '玲', '婷', '雪梅', '桂芳', '晓燕', '慧', '佳怡', '欣怡', '梦琪', '丽华', '春梅', '海燕', '秀兰', '淑珍', '雅婷', '若曦'];

interface EnterpriseSeed {
	code: string;
	name: string;
	trades: string[];
	workshops: [string, string[]][];
}

const TREE: { code: string; name: string; type: UnitType; enterprises: EnterpriseSeed[] }[] = [
	{
		code: 'DH',
		name: '东湖区总工会',
		type: 'district',
		enterprises: [
			{ code: 'DH-DL', name: '江城供电公司工会', trades: ['电力线路工', '变电站运维工', '继电保护工', '电工'], workshops: [['输电运检中心', ['带电作业一班', '线路运维二班']], ['变电运维中心', ['东湖变电站班']]] },
			{ code: 'DH-GT', name: '江城钢铁集团工会', trades: ['焊工', '钳工', '炼钢工', '天车工', '电工'], workshops: [['炼钢厂', ['转炉甲班', '连铸乙班']], ['设备维修中心', ['机修一班']]] },
			{ code: 'DH-QC', name: '江城汽车制造有限公司工会', trades: ['汽车装调工', '焊工', '涂装工', '数控车工'], workshops: [['总装车间', ['总装一线班', '调试班']], ['焊装车间', ['焊装二班']]] },
			{ code: 'DH-YY', name: '江城医药集团工会', trades: ['药物制剂工', '化学检验员', '设备维修工'], workshops: [['制剂车间', ['固体制剂班']], ['质量检验部', ['理化检验班']]] }
		]
	},
	{
		code: 'XJ',
		name: '西江区总工会',
		type: 'district',
		enterprises: [
			{ code: 'XJ-DT', name: '江城地铁运营有限公司工会', trades: ['城市轨道交通列车司机', '车辆检修工', '信号工', '行车调度员'], workshops: [['乘务中心', ['乘务一队', '乘务二队']], ['车辆中心', ['检修一班']]] },
			{ code: 'XJ-SW', name: '江城水务集团工会', trades: ['水处理工', '供水管道工', '化学检验员'], workshops: [['第一水厂', ['净水运行班']], ['管网分公司', ['抢修一班', '抢修二班']]] },
			{ code: 'XJ-JC', name: '江城机床厂工会', trades: ['数控车工', '数控铣工', '钳工', '磨工'], workshops: [['机加工车间', ['数控一班', '精磨班']], ['装配车间', ['装配一班']]] },
			{ code: 'XJ-FZ', name: '江城纺织有限公司工会', trades: ['纺纱工', '织布工', '设备维修工'], workshops: [['纺纱车间', ['细纱甲班']], ['织造车间', ['织布一班']]] }
		]
	},
	{
		code: 'NY',
		name: '市能源化工工会',
		type: 'industry',
		enterprises: [
			{ code: 'NY-SH', name: '江城石化公司工会', trades: ['化工总控工', '仪表维修工', '管工', '电工'], workshops: [['炼油一部', ['常减压装置班', '催化装置班']], ['仪表中心', ['仪表维护班']]] },
			{ code: 'NY-RQ', name: '江城燃气集团工会', trades: ['燃气输配工', '燃气用户安装检修工', '管工'], workshops: [['输配分公司', ['门站运行班']], ['客服分公司', ['入户安检一班']]] },
			{ code: 'NY-RD', name: '江城热电厂工会', trades: ['锅炉运行值班员', '汽轮机运行值班员', '电气值班员'], workshops: [['运行部', ['运行一值', '运行二值']]] },
			{ code: 'NY-MT', name: '江城煤业公司工会', trades: ['采煤机司机', '综采维修电工', '安全检查工'], workshops: [['综采一队', ['生产一班']], ['机电队', ['检修班']]] }
		]
	},
	{
		code: 'JS',
		name: '市建设工会',
		type: 'industry',
		enterprises: [
			{ code: 'JS-JG', name: '江城建工集团工会', trades: ['砌筑工', '钢筋工', '混凝土工', '架子工', '焊工'], workshops: [['第一项目部', ['钢筋班', '混凝土班']], ['第二项目部', ['砌筑班']]] },
			{ code: 'JS-LQ', name: '江城路桥集团工会', trades: ['筑路工', '桥隧工', '工程机械维修工'], workshops: [['道路工程公司', ['沥青摊铺班']], ['桥梁工程公司', ['桥梁施工一班']]] },
			{ code: 'JS-GW', name: '江城港务集团工会', trades: ['港口装卸工', '起重装卸机械操作工', '电工'], workshops: [['集装箱码头', ['桥吊一班', '场桥二班']]] }
		]
	}
];

const LEVELS: SkillLevel[] = ['junior', 'intermediate', 'intermediate', 'senior', 'senior', 'senior', 'technician', 'senior_technician', 'none'];

export const DEMO_PASSWORD = 'Jiangong2026';

export interface DemoAccount {
	role: Role | 'officer2' | 'chief' | 'judge2' | 'model';
	name: string;
	phone: string;
	employeeNo: string;
	password: string;
	unitName: string;
}

/**
 * Seeds a city federation with unions, enterprises, teams and a few hundred
 * workers, plus one account per role. Does nothing if any unit exists.
 */
export async function seedDemoIfEmpty(db: DB): Promise<{ accounts: DemoAccount[] } | null> {
	if (db.select({ n: count() }).from(units).get()!.n > 0) return null;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const random = rng(20261121);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const now = new Date();
	let phoneSeq = 0;
	const usedNames = new Set<string>();
	const personName = (gender: 'male' | 'female') => {
		for (;;) {
			const n = pick([...SURNAMES]) + pick(gender === 'male' ? GIVEN_M : GIVEN_F);
			if (!usedNames.has(n) || usedNames.size > 2000) {
				usedNames.add(n);
				return n;
			}
		}
	};

	const seeded = db.transaction((tx) => {
		const addUnit = (parent: { id: number; path: string } | null, type: UnitType, code: string, name: string) => {
			const u = tx.insert(units).values({ parentId: parent?.id ?? null, type, code, name, path: '', createdAt: now, updatedAt: now }).returning().get();
			const path = childPath(parent?.path ?? null, u.id);
			tx.update(units).set({ path }).where(eq(units.id, u.id)).run();
			return { ...u, path };
		};
		const addWorker = (unitId: number, employerId: number, employeeNo: string, trade: string, gender: 'male' | 'female', skillLevel: SkillLevel, name = personName(gender)) =>
			tx
				.insert(workers)
				.values({ unitId, employerId, name, employeeNo, gender, trade, skillLevel, phone: `139${String(10000000 + ++phoneSeq * 7919).padStart(8, '0')}`, createdAt: now, updatedAt: now })
				.returning()
				.get();

		const federation = addUnit(null, 'federation', 'JCZGH', '江城市总工会');
		const office = addUnit(federation, 'workshop', 'JCZGH-BGS', '市总工会机关');
		const staff: Record<string, ReturnType<typeof addWorker>> = {};
		staff.admin = addWorker(office.id, federation.id, 'ZGH001', '工会干部', 'male', 'none', '周建国');

		const officers: Record<string, ReturnType<typeof addWorker>> = {};
		const teams: { id: number; name: string; employerId: number; trades: string[] }[] = [];
		for (const d of TREE) {
			const union = addUnit(federation, d.type, d.code, d.name);
			const unionOffice = addUnit(union, 'workshop', `${d.code}-BGS`, `${d.name}办公室`);
			officers[d.code] = addWorker(unionOffice.id, union.id, `${d.code}001`, '工会干部', d.code === 'DH' ? 'female' : 'male', 'none', d.code === 'DH' ? '李秀英' : undefined);
			for (const e of d.enterprises) {
				const enterprise = addUnit(union, 'enterprise', e.code, e.name);
				for (const [wsName, teamNames] of e.workshops) {
					const ws = addUnit(enterprise, 'workshop', `${e.code}-W${teams.length + 1}`, wsName);
					for (const t of teamNames) {
						const team = addUnit(ws, 'team', `${e.code}-T${teams.length + 1}`, t);
						teams.push({ id: team.id, name: t, employerId: enterprise.id, trades: e.trades });
					}
				}
			}
		}

		// Spread ~330 workers over the teams; employee numbers are per enterprise.
		const perEmployer = new Map<number, number>();
		const nextNo = (employerId: number) => {
			const n = (perEmployer.get(employerId) ?? 0) + 1;
			perEmployer.set(employerId, n);
			return `${String(employerId).padStart(3, '0')}${String(n).padStart(4, '0')}`;
		};
		const created: ReturnType<typeof addWorker>[] = [];
		for (const team of teams) {
			const size = 9 + Math.floor(random() * 6);
			for (let i = 0; i < size; i++) {
				const gender = random() < 0.72 ? 'male' : 'female';
				created.push(addWorker(team.id, team.employerId, nextNo(team.employerId), pick(team.trades), gender, pick(LEVELS)));
			}
		}

		const worker = created.find((w) => w.skillLevel === 'senior' && w.trade === '电力线路工') ?? created[0];
		const judge = created.find((w) => w.skillLevel === 'senior_technician' && w.id !== worker.id) ?? created[1];

		const accountFor = (w: { id: number }, roles: { role: Role; unitId: number }[]) => {
			const u = tx.insert(users).values({ workerId: w.id, passwordHash, createdAt: now, passwordChangedAt: now }).returning().get();
			for (const r of [{ role: 'worker' as Role, unitId: 0 }, ...roles]) tx.insert(userRoles).values({ userId: u.id, ...r }).run();
			return u;
		};
		const dh = tx.select().from(units).where(eq(units.code, 'DH')).get()!;
		const xj = tx.select().from(units).where(eq(units.code, 'XJ')).get()!;
		accountFor(staff.admin, [{ role: 'admin', unitId: 0 }, { role: 'officer', unitId: federation.id }]);
		accountFor(officers.DH, [{ role: 'officer', unitId: dh.id }]);
		accountFor(officers.XJ, [{ role: 'officer', unitId: xj.id }]);
		accountFor(judge, [{ role: 'judge', unitId: 0 }]);
		accountFor(worker, []);

		// Two people waiting for the district officer to approve their own requests.
		const dhTeam = teams.find((t) => tx.select().from(units).where(eq(units.id, t.id)).get()!.path.startsWith(dh.path))!;
		const queued = created.find((w) => w.unitId === dhTeam.id && w.id !== worker.id && w.id !== judge.id)!;
		tx.insert(accountRequests)
			.values([
				{ unitId: dhTeam.id, name: queued.name, employeeNo: queued.employeeNo, phone: queued.phone!, trade: queued.trade, passwordHash, createdAt: now },
				{ unitId: dhTeam.id, name: personName('female'), employeeNo: nextNo(dhTeam.employerId), phone: '13700000001', trade: dhTeam.trades[0], passwordHash, createdAt: now }
			])
			.run();

		writeAudit(tx, null, { action: 'demo.seed', entityType: 'unit', entityId: federation.id, unitPath: federation.path, after: { units: teams.length, workers: created.length } });

		const unitName = (w: { unitId: number }) => tx.select().from(units).where(eq(units.id, w.unitId)).get()!.name;
		const describe = (role: DemoAccount['role'], w: ReturnType<typeof addWorker>): DemoAccount => ({ role, name: w.name, phone: w.phone!, employeeNo: w.employeeNo, password: DEMO_PASSWORD, unitName: unitName(w) });
		return {
			accounts: [describe('admin', staff.admin), describe('officer', officers.DH), describe('officer2', officers.XJ), describe('judge', judge), describe('worker', worker)]
		};
	});
	const judgeNo = seeded.accounts.find((a) => a.role === 'judge')!.employeeNo;
	seeded.accounts.push(...(await seedDemoContests(db, 'DH001', judgeNo)));
	const workerNo = seeded.accounts.find((a) => a.role === 'worker')!.employeeNo;
	seeded.accounts.push(...(await seedDemoProposals(db, 'DH001', workerNo, judgeNo)));
	seeded.accounts.push(...seedDemoStudios(db, await hashPassword(DEMO_PASSWORD), 'DH001', 'ZGH001', judgeNo));
	seedDemoTargets(db, 'ZGH001', 'DH001');
	return seeded;
}

/**
 * A real installation (DEMO_DATA=0) starts with only the federation and its first
 * admin. The admin's password is set by the person running the install: the
 * start-up prints a one-time code for the activation page, shown nowhere else.
 */
export async function bootstrapIfEmpty(db: DB, input: { federationName: string; federationCode: string }): Promise<{ employeeNo: string; code: string } | null> {
	if (db.select({ n: count() }).from(units).get()!.n > 0) return null;
	// Nobody knows this password: the account is usable only after the code is redeemed.
	const unusable = await hashPassword(generateCode() + generateCode());
	const now = new Date();
	return db.transaction((tx) => {
		const root = tx.insert(units).values({ parentId: null, type: 'federation', code: input.federationCode, name: input.federationName, path: '', createdAt: now, updatedAt: now }).returning().get();
		const path = childPath(null, root.id);
		tx.update(units).set({ path }).where(eq(units.id, root.id)).run();
		const admin = tx
			.insert(workers)
			.values({ unitId: root.id, employerId: root.id, name: '系统管理员', employeeNo: 'admin', trade: '', createdAt: now, updatedAt: now })
			.returning()
			.get();
		const user = tx.insert(users).values({ workerId: admin.id, passwordHash: unusable, createdAt: now, passwordChangedAt: now }).returning().get();
		for (const r of [{ role: 'worker' as Role, unitId: 0 }, { role: 'admin' as Role, unitId: 0 }, { role: 'officer' as Role, unitId: root.id }]) tx.insert(userRoles).values({ userId: user.id, ...r }).run();
		const code = generateCode();
		tx.insert(activationCodes).values({ workerId: admin.id, codeHash: hashCode(code), purpose: 'reset', issuedBy: user.id, createdAt: now, expiresAt: new Date(now.getTime() + CODE_VALID_MS) }).run();
		writeAudit(tx, null, { action: 'install.bootstrap', entityType: 'unit', entityId: root.id, unitPath: path, after: { federation: input.federationName } });
		return { employeeNo: admin.employeeNo, code };
	});
}
