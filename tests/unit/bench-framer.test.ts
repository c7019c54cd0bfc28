import { describe, expect, it } from 'vitest';
import { ResponseFramer } from '../bench/framer';

const answer = (status: number, body: string, chunked = false) => {
	const head = `HTTP/1.1 ${status} X\r\nContent-Type: text/html\r\nX-Other: content-length: 99\r\n`;
	if (!chunked) return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
	const parts = body.match(/.{1,7}/gs) ?? [];
	return `${head}Transfer-Encoding: chunked\r\n\r\n${parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('')}0\r\n\r\n`;
};

/** Feeds `text` in reads of `size` bytes; the statuses of the answers it completes. */
function frame(text: string, size: number) {
	const done: number[] = [];
	const framer = new ResponseFramer((s) => done.push(s));
	const bytes = Buffer.from(text);
	for (let at = 0; at < bytes.length; at += size) framer.execute(bytes.subarray(at, at + size));
	return done;
}

describe('bench response framer', () => {
	const stream = [answer(200, '看板 <b>board</b>'), answer(303, ''), answer(200, 'a chunked body of some length, 变压器', true), answer(500, 'x\r\n\r\ny'), answer(204, '')].join('');

	it('finds the end of each answer, whatever the reads it arrives in', () => {
		for (const size of [1, 2, 3, 7, 16, 64, stream.length]) expect(frame(stream, size), `reads of ${size}`).toEqual([200, 303, 200, 500, 204]);
	});

	it('waits for the rest of an answer that is not complete', () => {
		const whole = answer(200, 'abcdef', true);
		expect(frame(whole.slice(0, -2), 5)).toEqual([]);
		expect(frame(answer(200, 'abcdef').slice(0, -1), 4)).toEqual([]);
	});

	it('refuses a chunk size that is not hexadecimal', () => {
		expect(() => frame('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 100)).toThrow(/hexadecimal/);
	});
});
