// Where the shipped lessons are: next to the code, found from this module's own location (the
// bundle in dist/ or the sources in src/), never from the current directory, which may hold
// anything. SVC_TUTOR_LESSONS_DIR overrides it (tests of broken lessons, authors trying a draft).
import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export function lessonsDir(env: NodeJS.ProcessEnv = process.env, from: string = import.meta.url): string {
	const override = env.SVC_TUTOR_LESSONS_DIR;
	if (override) return override;
	let dir = dirname(fileURLToPath(from));
	for (let i = 0; i < 5; i++) {
		const candidate = join(dir, 'lessons');
		if (existsSync(join(candidate, 'README.md')) || existsSync(join(candidate, '01-pods-and-services.yaml'))) return candidate;
		dir = dirname(dir);
	}
	return join(dirname(fileURLToPath(from)), '..', 'lessons');
}
