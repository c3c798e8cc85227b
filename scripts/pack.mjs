// npm pack / npm publish around the bundle. `prepare` builds dist/ when a checkout runs
// `npm install` (the two-command setup), but npm 11 warns everyone who installs a package that
// still carries it. So, as pinst does for postinstall: `prepack` builds, drops every chunk no
// current build uses (a package ships one build), and renames `prepare` to `_prepare` in
// package.json for the tarball; `postpack` puts it back.
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';

const step = process.argv[2];
const manifestPath = 'package.json';
const text = readFileSync(manifestPath, 'utf8');
// Renamed in the text, so the file keeps its layout and key order.
const rename = (from, to) => {
	const pattern = new RegExp(`("scripts"\\s*:\\s*\\{[^}]*?)"${from}"(\\s*:)`);
	if (pattern.test(text)) writeFileSync(manifestPath, text.replace(pattern, `$1"${to}"$2`));
};

if (step === 'prepack') {
	// SVC_TUTOR_PACK_PREBUILT=1 (the package test): pack the dist/ that is there.
	if (process.env.SVC_TUTOR_PACK_PREBUILT !== '1') execFileSync(process.execPath, ['scripts/build.mjs'], {stdio: 'inherit'});
	const entry = readFileSync('dist/svc-tutor.js', 'utf8');
	const used = new Set();
	// The chunks the entry reaches, and those they reach in turn.
	const queue = [entry];
	while (queue.length > 0) {
		// The entry names them "./chunks/x.js"; chunks name their siblings "./x.js".
		for (const [, name] of queue.pop().matchAll(/(?:chunks\/|["']\.\/)([\w.-]+\.js)/g)) {
			if (used.has(name)) continue;
			used.add(name);
			queue.push(readFileSync(join('dist/chunks', name), 'utf8'));
		}
	}
	for (const name of readdirSync('dist/chunks')) {
		if (!used.has(name)) rmSync(join('dist/chunks', name), {force: true});
	}
	rename('prepare', '_prepare');
} else if (step === 'postpack') {
	rename('_prepare', 'prepare');
} else {
	throw new Error('usage: node scripts/pack.mjs prepack|postpack');
}
