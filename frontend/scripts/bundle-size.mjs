// Reports the initial JavaScript of the build (the entry chunk and every chunk it imports
// statically, as index.html loads them) gzipped, and fails the build above the budget.
// Lazily loaded chunks (routes, the chart library) are listed but not counted.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const BUDGET = Number(process.env.INITIAL_JS_BUDGET_KB ?? 150) * 1024;

const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
const initial = new Set();
const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [key] of entries) visit(key);

const allJs = new Set(
    Object.values(manifest)
        .map((c) => c.file)
        .filter((f) => f.endsWith('.js')),
);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const initialBytes = [...initial].reduce((sum, file) => sum + gz(file), 0);
const lazy = [...allJs].filter((f) => !initial.has(f)).map((f) => ({ file: f, gzip: gz(f) }));
lazy.sort((a, b) => b.gzip - a.gzip);

console.log('initial JS (gzip):');
for (const file of initial) console.log(`  ${file.padEnd(48)} ${kb(gz(file))}`);
console.log(`  total ${kb(initialBytes)} of ${kb(BUDGET)} budget`);
console.log(`lazy chunks (gzip, loaded on demand): ${lazy.length}`);
for (const { file, gzip } of lazy.slice(0, 5)) console.log(`  ${file.padEnd(48)} ${kb(gzip)}`);

writeFileSync(
    join(DIST, 'bundle-size.json'),
    JSON.stringify(
        { initial_js_gzip_bytes: initialBytes, budget_bytes: BUDGET, initial: [...initial], lazy },
        null,
        2,
    ),
);
if (initialBytes > BUDGET) {
    console.error(`initial JS ${kb(initialBytes)} is over the ${kb(BUDGET)} budget`);
    process.exit(1);
}
