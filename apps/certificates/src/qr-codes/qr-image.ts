import QRCode from 'qrcode';

/** PNG of a QR code (error correction M, 4-module quiet zone). */
export function renderQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 360 });
}
