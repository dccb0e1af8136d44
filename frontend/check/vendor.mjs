// Copies the browser builds and licences the checkpoint page uses; run after `npm ci`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const target = '../../src/main/resources/static/check/vendor';
const files = {
  'qr-scanner/qr-scanner.umd.min.js': 'qr-scanner.umd.min.js',
  // qr-scanner loads its decoding worker with import('./qr-scanner-worker.min.js'), next to itself.
  'qr-scanner/qr-scanner-worker.min.js': 'qr-scanner-worker.min.js',
  'qr-scanner/LICENSE': 'qr-scanner.LICENSE.txt',
  // The no-eval build: nothing on the checkpoint page compiles code at run time.
  'cbor-x/dist/index-no-eval.min.js': 'cbor-x.min.js',
  'cbor-x/LICENSE': 'cbor-x.LICENSE.txt',
  'pako/dist/browser/pako_inflate.umd.min.js': 'pako_inflate.min.js',
  'pako/LICENSE': 'pako.LICENSE.txt',
};
mkdirSync(target, { recursive: true });
const versions = [];
for (const [from, to] of Object.entries(files)) {
  copyFileSync(`node_modules/${from}`, `${target}/${to}`);
}
for (const name of ['qr-scanner', 'cbor-x', 'pako']) {
  versions.push(`${name} ${JSON.parse(readFileSync(`node_modules/${name}/package.json`)).version}`);
}
writeFileSync(`${target}/VERSIONS.txt`, versions.join('\n') + '\n');
