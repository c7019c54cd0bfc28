import { sha256 } from '@oslojs/crypto/sha2';
import { m } from '$lib/paraglide/messages';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * What a file is, read from its first bytes: the browser's claimed type and the
 * file name are not trusted (a script renamed photo.jpg is not a photo).
 */
export type FileType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'application/pdf';

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

export function sniffType(bytes: Uint8Array): FileType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => bytes[i] === v)) return 'image/png';
	if (bytes.length >= 12 && ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
	if (bytes.length >= 6 && (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a'))) return 'image/gif';
	if (bytes.length >= 5 && ascii(bytes, 0, '%PDF-')) return 'application/pdf';
	return null;
}

export const isImage = (type: string) => type.startsWith('image/');

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

/** A file as sent by a form field, or null when the field was left empty. */
export async function uploadOf(value: FormDataEntryValue | null): Promise<Upload | null> {
	if (!(value instanceof File) || value.size === 0) return null;
	return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

export async function uploadsOf(values: FormDataEntryValue[]): Promise<Upload[]> {
	const out: Upload[] = [];
	for (const v of values) {
		const u = await uploadOf(v);
		if (u) out.push(u);
	}
	return out;
}

/** A name safe to store and to send back in a header: no paths, no control characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// cut by characters, not UTF-16 units, so an emoji is never split in half
	const clean = Array.from(base.replace(/[\u0000-\u001f\u007f"]/g, '').trim()).slice(0, 120).join('').toWellFormed();
	return clean || 'file';
}

export const sha256Hex = (bytes: Uint8Array) => encodeHexLowerCase(sha256(bytes));

/** A file name as an RFC 8187 ext-value: percent-encoded, ' ( ) * included. */
const rfc8187 = (name: string) => encodeURIComponent(name.toWellFormed()).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Headers for sending a stored file: its sniffed type, never rendered as anything else. */
export function fileHeaders(file: { name: string; type: string; size: number }, inline: boolean): Record<string, string> {
	const disposition = inline && (isImage(file.type) || file.type === 'application/pdf') ? 'inline' : 'attachment';
	return {
		'Content-Type': file.type,
		'Content-Length': String(file.size),
		'Content-Disposition': `${disposition}; filename*=UTF-8''${rfc8187(file.name)}`,
		'X-Content-Type-Options': 'nosniff',
		'Cache-Control': 'private, max-age=300'
	};
}

/** Attachments of proposals and studios: photos and PDFs, each up to 8 MB, six to a record. */
export const FILE_MAX_BYTES = 8 * 1024 * 1024;
export const MAX_FILES = 6;
export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * Checks uploads by their content, each within the size limit, and the record's
 * count with those it keeps. The first problem is the message, naming the file.
 */
export function checkUploads(
	uploads: Upload[],
	existing: number,
	limits: { types?: readonly string[]; maxFiles?: number; maxBytes?: number } = {}
): { files: (Upload & { type: string })[]; error: string | null } {
	const { types = DOCUMENT_TYPES, maxFiles = MAX_FILES, maxBytes = FILE_MAX_BYTES } = limits;
	const files: (Upload & { type: string })[] = [];
	for (const u of uploads) {
		const name = cleanFileName(u.name);
		if (u.bytes.length > maxBytes) return { files: [], error: m.err_file_too_big_named({ name, mb: maxBytes / 1024 / 1024 }) };
		const type = sniffType(u.bytes);
		if (!type || !types.includes(type)) return { files: [], error: types.includes('application/pdf') ? m.err_file_not_image({ name }) : m.err_file_not_photo({ name }) };
		files.push({ name, bytes: u.bytes, type });
	}
	if (existing + files.length > maxFiles) return { files: [], error: m.err_files_max({ max: maxFiles }) };
	return { files, error: null };
}
