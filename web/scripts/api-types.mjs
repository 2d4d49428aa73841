// Generates src/api/schema.d.ts, the API's types, from the OpenAPI document the server serves
// (GET /api/v1/openapi.json), with openapi-typescript. The document is built from the route table
// only when a server runs, so this starts the binary given in RAPPORT_BIN on a fresh data
// directory (the API suites' harness), reads the document and stops it again.
//
//   node scripts/api-types.mjs          rewrite src/api/schema.d.ts      (make web-types)
//   node scripts/api-types.mjs --check  fail when the checked-in file differs (ctest web_types)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { startServer } from '../../tests/api/lib/server.mjs';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/api/schema.d.ts');
const header =
  '// Generated from GET /api/v1/openapi.json by web/scripts/api-types.mjs (openapi-typescript).\n' +
  '// Do not edit: change the schemas in src/http/openapi.cpp and run `make web-types`.\n\n';

const server = await startServer();
let document;
try {
  const response = await server.api('GET', '/api/v1/openapi.json', { raw: true, token: null });
  if (response.status !== 200) throw new Error(`openapi.json answered ${response.status}`);
  document = JSON.parse(response.text);
} finally {
  await server.stopClean();
}
const generated = header + astToString(await openapiTS(document, { alphabetize: true }));

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== generated) {
    console.error('web/src/api/schema.d.ts is out of date with the server\'s OpenAPI document: run `make web-types`.');
    process.exit(1);
  }
  console.log('web/src/api/schema.d.ts matches the server\'s OpenAPI document.');
} else {
  fs.writeFileSync(target, generated);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
