/** A spreadsheet download: .xlsx bytes or CSV text, named for a Chinese desktop. */
export function sheetResponse(body: Uint8Array | string, format: 'xlsx' | 'csv', asciiName: string, name: string, cache = 'private, no-store'): Response {
	return new Response(body as BodyInit, {
		headers: {
			'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
			'Cache-Control': cache
		}
	});
}

export const sheetFormat = (url: URL): 'xlsx' | 'csv' => (url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx');
