import type { RequestHandler } from './$types';

/** For a load balancer or a monitor: the server is up and answering. Fixed and tiny, so the benchmarks use it as their ceiling. */
export const GET: RequestHandler = () => new Response('ok', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
