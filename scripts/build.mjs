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
chmodSync(outfile, 0o755);
