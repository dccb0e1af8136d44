// Renders every BPMN model in processes/ to docs/diagrams/<model>.png with bpmn-js's viewer (from node_modules,
// no CDN) in Debian's headless Chromium, and prints where the labels bpmn-js actually draws overlap something.
//
//   cd tools/diagrams && npm ci && node render.mjs [model.bpmn ...]
//
// Each model is drawn twice: once with --dump-dom to measure the diagram and its rendered labels, once with
// --screenshot at exactly the diagram's size (plus a margin) at zoom 1.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const build = join(here, 'build');
const out = join(root, 'docs/diagrams');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const margin = 20;
mkdirSync(build, { recursive: true });
mkdirSync(out, { recursive: true });

const models = process.argv.length > 2
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(join(root, 'processes')).filter((f) => f.endsWith('.bpmn')).sort().map((f) => join(root, 'processes', f));

function page(xml, mode, size) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="../node_modules/bpmn-js/dist/assets/diagram-js.css">
<link rel="stylesheet" href="../node_modules/bpmn-js/dist/assets/bpmn-js.css">
<style>html, body { margin: 0; padding: 0; background: white; overflow: hidden; }
#canvas { position: absolute; left: 0; top: 0; width: ${size ? size.width + 'px' : '100vw'}; height: ${size ? size.height + 'px' : '100vh'}; } .bjs-powered-by { display: none; }</style>
<script src="../node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script>
</head><body><div id="canvas"></div><pre id="result"></pre>
<script>
(async () => {
  const viewer = new BpmnJS({ container: '#canvas' });
  const result = document.getElementById('result');
  try {
    const { warnings } = await viewer.importXML(${JSON.stringify(xml)});
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    const inner = canvas.getActiveLayer().getBBox();
    if (${JSON.stringify(mode)} === 'measure') {
      const labels = registry.filter((e) => e.type === 'label').map((label) => {
        const box = registry.getGraphics(label).querySelector('text').getBBox();
        return { id: label.businessObject.id, text: label.businessObject.name,
          di: { x: label.x, y: label.y, width: label.width, height: label.height },
          drawn: { x: label.x + box.x, y: label.y + box.y, width: box.width, height: box.height } };
      });
      const shapes = registry.filter((e) => e.type !== 'label' && !e.waypoints && e.type !== 'bpmn:Process'
          && e.type !== 'bpmn:Collaboration' && e.type !== 'bpmn:Participant' && e.type !== 'bpmn:Lane')
        .map((e) => ({ id: e.id, x: e.x, y: e.y, width: e.width, height: e.height }));
      const edges = registry.filter((e) => e.waypoints).map((e) => ({ id: e.id, waypoints: e.waypoints.map((p) => ({ x: p.x, y: p.y })) }));
      result.textContent = JSON.stringify({ inner: { x: inner.x, y: inner.y, width: inner.width, height: inner.height },
        warnings: warnings.map((w) => w.message), labels, shapes, edges });
    } else {
      // Chromium leaves the bottom strip of a headless window unpainted at times: the window is 100px taller
      // than the diagram, which sits in its middle.
      canvas.viewbox({ x: inner.x - ${margin}, y: inner.y - ${margin} - 50,
        width: inner.width + ${2 * margin}, height: inner.height + ${2 * margin} + 100 });
    }
  } catch (e) {
    result.textContent = JSON.stringify({ error: String(e) });
  }
})();
</script></body></html>`;
}

function chrome(args) {
  return execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--hide-scrollbars', '--force-device-scale-factor=1', '--allow-file-access-from-files',
    '--virtual-time-budget=10000', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
}

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
function segmentHits(p, q, r) {
  // axis-aligned segments only (the models route orthogonally); others are checked by their bounding box
  const box = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(p.x - q.x) || 0.01, height: Math.abs(p.y - q.y) || 0.01 };
  return overlaps(box, r);
}

let problems = 0;
for (const model of models) {
  const name = basename(model, '.bpmn');
  const xml = readFileSync(model, 'utf8');
  const measureHtml = join(build, `${name}.measure.html`);
  writeFileSync(measureHtml, page(xml, 'measure'));
  const dom = chrome(['--dump-dom', `file://${measureHtml}`]);
  const json = dom.match(/<pre id="result">([\s\S]*?)<\/pre>/)[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const m = JSON.parse(json);
  if (m.error) throw new Error(`${name}: ${m.error}`);
  const report = [];
  m.warnings.forEach((w) => report.push(`import warning: ${w}`));
  for (let i = 0; i < m.labels.length; i++) {
    const a = m.labels[i];
    for (let j = i + 1; j < m.labels.length; j++) {
      if (overlaps(a.drawn, m.labels[j].drawn)) report.push(`label of ${a.id} overlaps label of ${m.labels[j].id}`);
    }
    for (const s of m.shapes) {
      if (overlaps(a.drawn, s)) report.push(`label of ${a.id} overlaps shape ${s.id}`);
    }
    for (const e of m.edges) {
      if (e.id === a.id) continue;
      for (let k = 1; k < e.waypoints.length; k++) {
        if (segmentHits(e.waypoints[k - 1], e.waypoints[k], a.drawn)) { report.push(`edge ${e.id} crosses label of ${a.id}`); break; }
      }
    }
    const d = a.drawn, di = a.di;
    if (d.x < di.x - 4 || d.y < di.y - 4 || d.x + d.width > di.x + di.width + 4 || d.y + d.height > di.y + di.height + 4) {
      report.push(`label of ${a.id} is drawn at ${JSON.stringify(roundBox(d))}, outside its DI bounds ${JSON.stringify(di)}`);
    }
  }
  const width = Math.ceil(m.inner.width + 2 * margin);
  const height = Math.ceil(m.inner.height + 2 * margin);
  const shotHtml = join(build, `${name}.html`);
  writeFileSync(shotHtml, page(xml, 'shot', { width, height: height + 100 }));
  const png = join(out, `${name}.png`);
  chrome([`--screenshot=${png}`, `--window-size=${width},${height + 100}`, `file://${shotHtml}`]);
  console.log(`${png} (${width}x${height + 100})`);
  report.forEach((r) => console.log(`  ${r}`));
  problems += report.length;
  writeFileSync(join(build, `${name}.labels.json`), JSON.stringify(m.labels, null, 1));
}

function roundBox(b) {
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}
if (problems) {
  console.log(`${problems} problem(s) in the rendered diagrams`);
  process.exitCode = 1;
}
