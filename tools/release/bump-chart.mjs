// Sets `version` and `appVersion` of charts/flamingo/Chart.yaml to the release version.
//   node tools/release/bump-chart.mjs 1.2.3 [path/to/Chart.yaml]
// Line-based on purpose: keeps the file's comments and layout; fails unless each key occurs once.
import { readFileSync, writeFileSync } from "node:fs";

const [version, chart = "charts/flamingo/Chart.yaml"] = process.argv.slice(2);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version ?? "")) {
  console.error(`bump-chart: not a semantic version: ${version}`);
  process.exit(2);
}
let text = readFileSync(chart, "utf8");
for (const [key, value] of [["version", version], ["appVersion", `"${version}"`]]) {
  const line = new RegExp(`^${key}:.*$`, "gm");
  const found = text.match(line) ?? [];
  if (found.length !== 1) {
    console.error(`bump-chart: expected one top-level "${key}:" in ${chart}, found ${found.length}`);
    process.exit(1);
  }
  text = text.replace(line, `${key}: ${value}`);
}
writeFileSync(chart, text);
console.log(`bump-chart: ${chart} → ${version}`);
