import QRCode from 'qrcode';

/** A QR code for an address of this site, as inline SVG (printed certificates, studio pages). */
export function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
}
