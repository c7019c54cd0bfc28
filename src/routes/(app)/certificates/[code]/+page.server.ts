import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { certificate, verificationQr } from '$lib/server/results/certificates';

export const load: PageServerLoad = (event) =>
	serve(event, async () => {
		const award = certificate(event.locals.db, event.locals.actor, event.params.code);
		const verifyUrl = `${event.url.origin}/verify/${award.code}`;
		return { award, verifyUrl, qr: await verificationQr(verifyUrl) };
	});
