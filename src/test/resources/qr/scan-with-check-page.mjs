// Decodes grey images with the offline check page's own QR decoder (vendor/qr-scanner-worker.min.js, the code
// its web worker runs), so QrImagesTest can show that codes we print scan there too.
// Usage: node scan-with-check-page.mjs <worker module> <image>...; an image is a 4-byte big-endian width, a
// 4-byte height and one grey byte per pixel. Prints the decoded text of each image as a JSON line (null if none).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

let workerSource;
globalThis.Blob = class { constructor(parts) { workerSource = parts.join(''); } };
globalThis.Worker = class {};
URL.createObjectURL = () => 'blob:check-page-worker';
const { createWorker } = await import(pathToFileURL(process.argv[2]).href);
createWorker();

const results = [];
const self = { postMessage: message => results.push(message) };
new Function('self', workerSource)(self);

for (const file of process.argv.slice(3)) {
  const bytes = readFileSync(file);
  const width = bytes.readInt32BE(0);
  const height = bytes.readInt32BE(4);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.fill(bytes[8 + i], 4 * i, 4 * i + 3);
    rgba[4 * i + 3] = 255;
  }
  self.onmessage({ data: { id: file, type: 'decode', data: { data: rgba, width, height } } });
  console.log(JSON.stringify(results.pop().data));
}
