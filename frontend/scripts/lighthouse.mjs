// Lighthouse (performance + accessibility) on the links list and a link detail page of a real
// stack, signed in, with Debian's Chromium. Run by `make lighthouse` (tests/e2e/launch.py starts
// the stack and passes its base URL). Reports go to test-results/lighthouse/.
//   node scripts/lighthouse.mjs http://127.0.0.1:PORT
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const LIGHTHOUSE_VERSION = '12.2.3'; // package.json pins it (13.x needs Node 22)
const base = process.argv[2];
const target = process.env.FLAMINGO_E2E_TARGET;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!base || !target) throw new Error('usage: FLAMINGO_E2E_TARGET=... lighthouse.mjs BASE_URL');
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const OUT = new URL('../../test-results/lighthouse/', import.meta.url).pathname;
const BROWSER_UA =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

function cookiesOf(response) {
    return response.headers.getSetCookie().map((c) => c.split(';')[0]);
}

/** A user with 25 links (so the list is full) and some clicks on the first. */
async function seed() {
    const email = `lighthouse-${Date.now()}@example.com`;
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: 'lighthouse password 1' }),
    });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
    const cookies = cookiesOf(signup);
    const csrf = cookies.find((c) => c.startsWith('flamingo_csrf='))?.split('=')[1] ?? '';
    const headers = {
        'Content-Type': 'application/json',
        Cookie: cookies.join('; '),
        'X-CSRF-Token': csrf,
    };
    const items = Array.from({ length: 25 }, (_, i) => ({
        target: `${target}/page-${i}`,
        title: `Campaign page ${i}`,
        tags: i % 2 ? ['odd', 'campaign'] : ['even', 'campaign'],
    }));
    const batch = await fetch(`${base}/api/v1/links/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ items }),
    });
    const created = (await batch.json()).items.map((r) => r.link);
    const link = created[created.length - 1];
    for (let i = 0; i < 20; i++) {
        await fetch(link.short_url, {
            redirect: 'manual',
            headers: { 'User-Agent': BROWSER_UA, Referer: `https://ref${i % 3}.example/post` },
        });
    }
    return { cookie: cookies.join('; '), linkId: link.id };
}

function freePort() {
    return new Promise((resolve) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

async function startChromium() {
    const port = await freePort();
    const profile = mkdtempSync(join(tmpdir(), 'flamingo-lighthouse-'));
    const child = spawn(
        chromium,
        [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            `--remote-debugging-port=${port}`,
            `--user-data-dir=${profile}`,
            'about:blank',
        ],
        { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
        try {
            if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
        } catch {
            await new Promise((r) => setTimeout(r, 100));
        }
    }
    return {
        port,
        stop: async () => {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            await exited;
            rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        },
    };
}

const { cookie, linkId } = await seed();
const pages = [
    ['links list', `${base}/app/links`],
    ['link detail', `${base}/app/links/${linkId}`],
];
const browser = await startChromium();
const rows = [];
mkdirSync(OUT, { recursive: true });
try {
    for (const [formFactor, config] of [
        ['mobile', undefined],
        ['desktop', desktopConfig],
    ]) {
        for (const [name, url] of pages) {
            // Scores vary from run to run (Lighthouse's own advice): report the median of RUNS.
            const runs = [];
            for (let i = 0; i < RUNS; i++) {
                const result = await lighthouse(
                    url,
                    {
                        port: browser.port,
                        output: 'json',
                        logLevel: 'error',
                        onlyCategories: ['performance', 'accessibility'],
                        extraHeaders: { Cookie: cookie },
                    },
                    config,
                );
                runs.push(result);
            }
            const score = (r) => r.lhr.categories.performance.score;
            runs.sort((a, b) => score(a) - score(b));
            const median = runs[Math.floor(runs.length / 2)];
            const { categories, audits } = median.lhr;
            const row = {
                page: name,
                formFactor,
                performance: Math.round(categories.performance.score * 100),
                performanceRuns: runs.map((r) => Math.round(score(r) * 100)),
                accessibility: Math.round(categories.accessibility.score * 100),
                fcp: audits['first-contentful-paint'].displayValue,
                lcp: audits['largest-contentful-paint'].displayValue,
                tbt: audits['total-blocking-time'].displayValue,
                cls: audits['cumulative-layout-shift'].displayValue,
            };
            rows.push(row);
            writeFileSync(join(OUT, `${name.replace(' ', '-')}-${formFactor}.json`), median.report);
            if (row.accessibility < 100) {
                const failing = Object.values(audits)
                    .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
                    .map((a) => a.id);
                console.log(`  ${name} ${formFactor} failing: ${failing.join(', ')}`);
            }
        }
    }
} finally {
    await browser.stop();
}

console.log(
    `Lighthouse ${LIGHTHOUSE_VERSION} on ${new Date().toISOString().slice(0, 10)}, Chromium at ${chromium}`,
);
console.log(`median of ${RUNS} runs per row (all performance scores in brackets)`);
console.log('| page | form factor | performance | accessibility | FCP | LCP | TBT | CLS |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
    console.log(
        `| ${r.page} | ${r.formFactor} | ${r.performance} (${r.performanceRuns.join(', ')}) | ${r.accessibility} | ${r.fcp} | ${r.lcp} | ${r.tbt} | ${r.cls} |`,
    );
}
writeFileSync(join(OUT, 'summary.json'), JSON.stringify(rows, null, 2));
