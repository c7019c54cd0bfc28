/** Only same-site paths may be a return address ("/x", never "//host" or "http:"). */
export function safeRedirect(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	return value;
}
