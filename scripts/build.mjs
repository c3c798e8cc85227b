// Bundles the CLI: it starts about twice as fast as tsc's many files (see the toolchain notes)
// and is what `npx svc-tutor` runs. Split into chunks: dist/svc-tutor.js holds the command line
// and the course's first frame, and each part (Ink and the app, the engine, the node shell, each
// command) is a chunk in dist/chunks/ read when it is first imported, so what starts first does
// not parse the rest (one file of everything took as long to parse as Node takes to start).
import {build} from 'esbuild';
import {chmodSync, readdirSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';

const entry = 'dist/svc-tutor.js';
const result = await build({
	metafile: true,
	entryPoints: {'svc-tutor': 'src/cli.tsx'},
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
	// Ink imports react-devtools-core only when DEV is set; it is not a dependency.
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	define: {'process.env.NODE_ENV': '"production"'},
	// CommonJS dependencies inside an ESM bundle call require() and read __filename: give them both.
	banner: {
		js: [
			"import {createRequire as __svcTutorCreateRequire} from 'node:module';",
			"import {fileURLToPath as __svcTutorFileURLToPath} from 'node:url';",
			'const require = __svcTutorCreateRequire(import.meta.url);',
			'const __filename = __svcTutorFileURLToPath(import.meta.url);',
		].join('\n'),
	},
});
chmodSync(entry, 0o755);

// Chunk names carry a hash of their content. A course started before this build still imports
// its own build's chunks a moment after it starts (the engine, the shell): earlier builds' chunks
// stay ten minutes, then go.
const chunks = 'dist/chunks';
const current = new Set(Object.keys(result.metafile.outputs).map((path) => path.replace(/^dist\/chunks\//, '')));
const stale = Date.now() - 10 * 60 * 1000;
for (const name of readdirSync(chunks)) {
	if (!current.has(name) && statSync(join(chunks, name)).mtimeMs < stale) rmSync(join(chunks, name), {force: true});
}
