// Prints the gzip size of what index.html loads at start and fails above the budget (docs/console.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const budgetKb = 150;
const out = new URL("../../../artifacts/console/", import.meta.url).pathname;
const html = readFileSync(join(out, "index.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let total = 0;
for (const file of initial) {
  const size = gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
  total += size;
  console.log(`${file}: ${(size / 1024).toFixed(1)} KB gzip`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /<style/.test(html) || /\sstyle="/.test(html)) {
  console.error("index.html has an inline script or style; the Content-Security-Policy forbids them");
  process.exit(1);
}
console.log(`initial JS+CSS: ${(total / 1024).toFixed(1)} KB gzip (budget ${budgetKb} KB)`);
if (total > budgetKb * 1024) {
  process.exit(1);
}
