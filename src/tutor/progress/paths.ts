// Where progress lives: the user's config directory (env-paths), or SVC_TUTOR_CONFIG_DIR when set
// (tests and learners who keep several profiles point it at a directory of their own).
import envPaths from 'env-paths';
import {join} from 'node:path';

export const PROGRESS_FILE = 'progress.json';

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
	const override = env.SVC_TUTOR_CONFIG_DIR;
	if (override !== undefined && override !== '') return override;
	return envPaths('svc-tutor').config;
}

export function progressPath(dir: string): string {
	return join(dir, PROGRESS_FILE);
}
