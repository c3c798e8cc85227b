// Runs a benchmark from bench/ as users run svc-tutor: bundled by esbuild (no dev-time transform
// in the way), in a scratch folder outside git.
import {build} from 'esbuild';
import {execFileSync} from 'node:child_process';

const name = process.argv[2] ?? 'rules';
const outfile = `.tmp/bench-${name}.mjs`;
await build({
	entryPoints: [`bench/${name}.ts`],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	logLevel: 'warning',
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as __benchCreateRequire} from 'node:module';\nconst require = __benchCreateRequire(import.meta.url);"},
});
execFileSync(process.execPath, [outfile, ...process.argv.slice(3)], {stdio: 'inherit'});
