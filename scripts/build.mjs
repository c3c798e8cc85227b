// Bundles the CLI into one file: it starts about twice as fast as tsc's many files
// (see the toolchain notes) and is what `npx svc-tutor` runs.
import {build} from 'esbuild';
import {chmodSync} from 'node:fs';

const outfile = 'dist/svc-tutor.js';
await build({
	entryPoints: ['src/cli.tsx'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: false,
	legalComments: 'none',
	logLevel: 'warning',
	// Ink imports react-devtools-core only when DEV is set; it is not a dependency.
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	define: {'process.env.NODE_ENV': '"production"'},
	// CommonJS dependencies inside an ESM bundle call require(): give them one.
	banner: {js: "import {createRequire as __svcTutorCreateRequire} from 'node:module';\nconst require = __svcTutorCreateRequire(import.meta.url);"},
});
chmodSync(outfile, 0o755);
