/**
 * Where HTTP/1.1 answers end on a kept-alive socket, for a sender that needs each
 * answer's status and end, and nothing else: the head is read as one latin1 string,
 * the body is skipped by its Content-Length or by its chunk sizes. A general parser
 * (http-parser-js) makes some thirty strings of every answer's headers; at 16,000
 * answers a second that garbage is collected in pauses the sender then charges to
 * the server.
 *
 * A Response to a HEAD request, and 1xx/204/304 answers, have no body; the sender
 * never asks for those (a 204 or 304 is still framed right).
 */
export class ResponseFramer {
	/** bytes of a head not yet complete (a head split across reads) */
	private head: Buffer | null = null;
	private state: 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'trailer' = 'head';
	/** bytes of the body or of the current chunk (with its CRLF) still to skip */
	private remaining = 0;
	/** a chunk-size line split across reads */
	private line = '';
	private status = 0;

	constructor(private readonly complete: (status: number) => void) {}

	/** Feeds the bytes of one read; calls `complete` for every answer that ends in them. */
	execute(chunk: Buffer): void {
		let at = 0;
		while (at < chunk.length) {
			if (this.state === 'head') at = this.readHead(chunk, at);
			else if (this.state === 'body' || this.state === 'chunk-data') {
				const take = Math.min(this.remaining, chunk.length - at);
				at += take;
				this.remaining -= take;
				if (this.remaining === 0) {
					if (this.state === 'body') this.finish();
					else this.state = 'chunk-size';
				}
			} else {
				// a chunk-size line, or the trailer's lines after the last chunk: up to CRLF
				const end = chunk.indexOf(10, at);
				if (end < 0) {
					this.line += chunk.toString('latin1', at);
					return;
				}
				const text = (this.line + chunk.toString('latin1', at, end)).trim();
				this.line = '';
				at = end + 1;
				if (this.state === 'trailer') {
					if (text === '') this.finish();
				} else {
					const size = parseInt(text, 16);
					if (Number.isNaN(size)) throw new Error(`a chunk size that is not hexadecimal: ${JSON.stringify(text)}`);
					if (size === 0) this.state = 'trailer';
					else {
						this.state = 'chunk-data';
						this.remaining = size + 2;
					}
				}
			}
		}
	}

	/** Reads a head starting at `at`; returns where the body (or the next answer) begins. */
	private readHead(chunk: Buffer, at: number): number {
		const pending = this.head;
		const joined = pending ? Buffer.concat([pending, chunk.subarray(at)]) : chunk;
		const from = pending ? 0 : at;
		const end = joined.indexOf('\r\n\r\n', from, 'latin1');
		if (end < 0) {
			this.head = Buffer.from(joined.subarray(from));
			return chunk.length;
		}
		this.head = null;
		const text = joined.toString('latin1', from, end).toLowerCase();
		this.status = Number(text.slice(9, 12));
		const length = /\r\ncontent-length:\s*(\d+)/.exec(text);
		if (/\r\ntransfer-encoding:[^\r]*chunked/.test(text)) this.state = 'chunk-size';
		else if (length && Number(length[1]) > 0 && this.status !== 204 && this.status !== 304) {
			this.state = 'body';
			this.remaining = Number(length[1]);
		} else this.finish();
		// the head's end, as an offset into this read
		return pending ? at + end + 4 - pending.length : end + 4;
	}

	private finish() {
		this.state = 'head';
		this.complete(this.status);
	}
}
