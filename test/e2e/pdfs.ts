/**
 * Two small PDFs with bytes that are not UTF-8 text (a body read or re-encoded as text would
 * differ), and what the stand-in must receive for them from Add File.
 */
export const PDFS: Record<string, Buffer> = {
	'precios 2026.pdf': Buffer.concat([
		Buffer.from('%PDF-1.7\n%'),
		Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0d, 0x0a, 0x00, 0xff]),
		Buffer.from('\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
	]),
	'faq.pdf': Buffer.concat([
		Buffer.from('%PDF-1.4\n'),
		Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
		Buffer.from('\n%%EOF\n'),
	]),
};

interface UploadBody {
	file: { fileName: string };
}

const byFileName = (a: UploadBody, b: UploadBody) => a.file.fileName.localeCompare(b.file.fileName);

/** The multipart bodies of the uploads, in file-name order (the uploads run concurrently). */
export function uploadBodies(requests: Array<{ body: UploadBody }>): UploadBody[] {
	return requests.map((request) => request.body).sort(byFileName);
}

/** The bodies Add File must send for PDFS: each file's exact bytes, name and type. */
export function expectedUploadBodies(agentId: string, workspaceId: string): UploadBody[] {
	return Object.entries(PDFS)
		.map(([fileName, bytes]) => ({
			agentId,
			workspaceId,
			file: {
				fileName,
				contentType: 'application/pdf',
				size: bytes.length,
				base64: bytes.toString('base64'),
			},
		}))
		.sort(byFileName);
}
