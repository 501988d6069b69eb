// The page's modules import each other without a cycle: each module's imports of "./x.js" are
// followed from every module of the staged page folder; a cycle fails naming its modules.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2];
const modules = readdirSync(folder).filter((file) => file.endsWith(".js"));
const imports = {};
for (const file of modules) {
  const text = readFileSync(join(folder, file), "utf8");
  imports[file] = [...text.matchAll(/^\s*import\s[^;]*?from\s+["']\.\/([^"']+)["']/gm)].map((m) => m[1]);
}

const state = {};  // undefined: not seen; 1: on the path being followed; 2: done
const cycles = [];
function visit(file, path) {
  if (state[file] === 2) return;
  if (state[file] === 1) {
    cycles.push([...path.slice(path.indexOf(file)), file].join(" -> "));
    return;
  }
  state[file] = 1;
  for (const next of imports[file] || []) visit(next, [...path, file]);
  state[file] = 2;
}
for (const file of modules) visit(file, []);

const edges = Object.values(imports).reduce((sum, list) => sum + list.length, 0);
if (cycles.length) {
  for (const cycle of cycles) console.log(`FAIL  an import cycle: ${cycle}`);
  process.exit(1);
}
console.log(`ok    ${modules.length} modules, ${edges} imports, no cycle`);
