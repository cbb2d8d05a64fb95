/**
 * Bundles the central server into out/server/main.js (ESM, dependencies left external so
 * native modules such as argon2 load from node_modules) and copies the SQL migrations next
 * to it: src-server/db/connect.ts resolves them relative to import.meta.url, which in the
 * bundle is out/server/main.js.
 */
import { build } from 'esbuild';
import { cp, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}out/server`;
const pkg = JSON.parse(await readFile(`${root}package.json`, 'utf8')) as { version: string };

await rm(outDir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}src-server/main.ts`],
  outfile: `${outDir}/main.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  define: { __SERVER_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'info',
});
await cp(`${root}src-server/db/migrations`, `${outDir}/migrations`, { recursive: true });
console.log(`server bundle and migrations written to ${outDir}`);
