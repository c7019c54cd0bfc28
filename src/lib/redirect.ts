/** Only same-site paths may be a return address ("/x", never "//host" or "http:"). */
export function safeRedirect(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	// URL parsers drop tabs and newlines ("/\t/evil.example" is "//evil.example"),
	// and a control character cannot go into a Location header at all.
	if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
	return value;
}
