// Writes src/api/generated/<service>.ts from openapi/<service>.json (the services' own OpenAPI documents, kept current by
// the Security test OpenApiDocumentsForTheWebApp). Run by `npm run build`, `npm test` and `npm run dev` in gateway/web.
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = path.join(web, 'openapi');
const target = path.join(web, 'src', 'api', 'generated');

/**
 * ASP.NET Core documents every number as `["integer", "string"]` with a digits pattern, because it also *reads* numbers
 * sent as strings. The services always *write* numbers, so the web app's types say number.
 */
function numbersAsNumbers(node) {
  if (Array.isArray(node)) { node.forEach(numbersAsNumbers); return node; }
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node.type) && node.type.includes('string') && node.type.some((t) => t === 'integer' || t === 'number')
      && typeof node.pattern === 'string') {
    node.type = node.type.filter((t) => t !== 'string');
    if (node.type.length === 1) node.type = node.type[0];
    delete node.pattern;
  }
  for (const value of Object.values(node)) numbersAsNumbers(value);
  return node;
}

let openapiTS, astToString;
try {
  ({ default: openapiTS, astToString } = await import('openapi-typescript'));
} catch {
  console.error('[apigen] openapi-typescript is not installed: run npm ci --prefix tools/apigen (./stationery does it)');
  process.exit(1);
}

await mkdir(target, { recursive: true });
for (const file of (await readdir(source)).filter((f) => f.endsWith('.json')).sort()) {
  const doc = numbersAsNumbers(JSON.parse(await readFile(path.join(source, file), 'utf8')));
  const ast = await openapiTS(doc, { alphabetize: false });
  const header = `// Generated from openapi/${file} by tools/apigen/generate.mjs at build time. Do not edit.\n\n`;
  await writeFile(path.join(target, file.replace(/\.json$/, '.ts')), header + astToString(ast));
}
console.log(`[apigen] ${target}`);
