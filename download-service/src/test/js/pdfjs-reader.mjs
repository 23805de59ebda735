// Reads one document URL with pdf.js, the PDF engine of Firefox's built-in viewer, as that viewer does for a large
// file: it asks for the whole file, and once the answer says `Accept-Ranges: bytes` it cancels that and fetches the
// parts it needs as byte ranges (64 KiB chunks, no background prefetch). Prints one JSON line on stdout:
// {"pages", "lastPageText"}, or {"error"}, as its last line (pdf.js prints warnings on stdout while it loads, before
// `verbosity` applies: no canvas for rendering, which reading text does not need).
//
// Usage: node pdfjs-reader.mjs <url> <user agent>
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [url, userAgent] = process.argv.slice(2);
const result = {};
try {
  const document = await getDocument({
    url,
    httpHeaders: { 'User-Agent': userAgent },
    rangeChunkSize: 65536,
    disableAutoFetch: true,
    disableStream: true,
    isEvalSupported: false,
    verbosity: 0, // errors only: pdf.js writes its warnings to stdout, where the result goes
    standardFontDataUrl: new URL('./node_modules/pdfjs-dist/standard_fonts/', import.meta.url).pathname,
  }).promise;
  result.pages = document.numPages;
  const last = await document.getPage(document.numPages);
  result.lastPageText = (await last.getTextContent()).items.map((item) => item.str).join(' ');
  await document.destroy();
} catch (e) {
  result.error = String(e.message ?? e).split('\n')[0];
}
console.log(JSON.stringify(result));
