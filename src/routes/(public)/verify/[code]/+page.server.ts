import type { PageServerLoad } from './$types';
import { verifyCertificate } from '$lib/server/results/certificates';

export const load: PageServerLoad = ({ params, locals, setHeaders }) => {
	const result = verifyCertificate(locals.db, params.code);
	setHeaders({ 'Cache-Control': 'no-store' });
	return { result, typed: params.code.slice(0, 40) };
};
