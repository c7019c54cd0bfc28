/** How often a live stream looks for changes; boards must update within 2 s of a sheet. */
export const LIVE_POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

/**
 * A server-sent event stream that sends `read().payload()` whenever `read().key`
 * changes. Polling the database keeps it right whichever process wrote the change,
 * and a cheap fingerprint keeps the poll cheap. Stops when the client goes away, or
 * when `stillAllowed` (asked at every heartbeat) says the viewer may no longer watch.
 */
export function liveStream(signal: AbortSignal, read: () => { key: string; payload: () => unknown }, stillAllowed: () => boolean = () => true): Response {
	const encoder = new TextEncoder();
	let timer: ReturnType<typeof setInterval> | undefined;
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	const stop = () => {
		clearInterval(timer);
		clearInterval(heartbeat);
	};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const end = () => {
				stop();
				try {
					controller.close();
				} catch {
					/* already closed */
				}
			};
			let last = '';
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const tick = () => {
				try {
					const now = read();
					if (now.key === last) return;
					last = now.key;
					send(`data: ${JSON.stringify(now.payload())}\n\n`);
				} catch {
					// the stage or event went away: tell the client, then end
					send('event: gone\ndata: {}\n\n');
					end();
				}
			};
			send('retry: 2000\n\n');
			tick();
			timer = setInterval(tick, LIVE_POLL_MS);
			heartbeat = setInterval(() => {
				// a stream outlives the check made when it opened: a signed-out or demoted viewer is cut off
				if (stillAllowed()) return send(': keep-alive\n\n');
				send('event: gone\ndata: {}\n\n');
				end();
			}, HEARTBEAT_MS);
			signal.addEventListener('abort', end);
		},
		cancel: stop
	});
	return new Response(body, {
		headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' }
	});
}
