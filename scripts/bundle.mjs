// Second build step: every process entry (each app's main.js, each test fixture's *main.js) and
// what it imports are bundled by esbuild into one file beside it (main.js: main.bundle.mjs), which
// is what runs. A process then loads one file instead of ~2,000 modules: about 0.6 of the CPU and
// of the time of a service start (bench/boot.mjs). The input is tsc's output, which already carries
// the decorator metadata Nest needs (esbuild cannot emit it from TypeScript).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, bundleOf, processEntries } from './lib/apps.mjs';

// Packages that locate files of their own at run time (__dirname, worker scripts, data files, a
// native addon) stay outside the bundle and are loaded from node_modules as usual.
const OWN_FILES = ['argon2', 'geoip-lite', 'ioredis', 'msgpackr', 'msgpackr-extract', 'bullmq', 'pino', 'thread-stream', 'pg-native'];

/** Optional peers that Nest and TypeORM load only when configured (kafkajs, mysql…) and we do not install. */
const notInstalled = {
  name: 'not-installed',
  setup(b) {
    b.onResolve({ filter: /^[^./#]/ }, ({ path, importer }) => {
      if (path.startsWith('node:')) return { external: true };
      try { createRequire(importer || join(ROOT, 'package.json')).resolve(path); return undefined; } catch { return { path, external: true }; }
    });
  },
};

const entries = processEntries();

await Promise.all(entries.map((entry) => build({
  entryPoints: [entry], outfile: bundleOf(entry), bundle: true, platform: 'node', format: 'esm', target: 'node24',
  // Bundled CommonJS code calls require(); an ES module has none of its own.
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
  external: OWN_FILES.flatMap((name) => [name, `${name}/*`]),
  plugins: [notInstalled],
  keepNames: true, // Nest names providers and log contexts after their classes
  tsconfigRaw: {}, // resolve #libs through package.json "imports" (dist), not tsconfig paths (sources)
  sourcemap: 'linked', logLevel: 'warning',
})));
console.log(`bundled ${entries.length} process entries (X.bundle.mjs beside each X.js)`);
