// Appends key=value pairs to $GITHUB_OUTPUT (Gitea/GitHub Actions step outputs); prints them too.
import { appendFileSync } from "node:fs";

const pairs = process.argv.slice(2);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, pairs.map((p) => `${p}\n`).join(""));
console.log(pairs.join(" "));
