import type { PageServerLoad } from './$types';
import { verifyCertificate } from '$lib/server/results/certificates';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = ({ params, locals, setHeaders }) => {
	const result = verifyCertificate(locals.db, params.code);
	setHeaders({ 'Cache-Control': 'no-store' });
	return { ...forReader({ result }), typed: params.code.slice(0, 40) };
};
