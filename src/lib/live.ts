import type { Attachment } from 'svelte/attachments';

/** Follows a server-sent event stream of JSON messages while the element is on the page. */
export function followStream<T>(url: string, on: { message: (value: T) => void; connected: (yes: boolean) => void }): Attachment {
	return () => {
		const source = new EventSource(url);
		source.onopen = () => on.connected(true);
		source.onerror = () => on.connected(false);
		source.onmessage = (e) => on.message(JSON.parse(e.data));
		return () => source.close();
	};
}
