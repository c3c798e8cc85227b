// Where progress lives: ~/.config/svc-tutor/ (the platform's config folder, as env-paths names it,
// without the "-nodejs" suffix env-paths adds by default), or SVC_TUTOR_CONFIG_DIR when set (tests
// and learners who keep several profiles point it at a directory of their own). Worked out from the
// env given, not read once at load, so tests can point HOME and XDG_CONFIG_HOME at temp folders.
import {homedir} from 'node:os';
import {join} from 'node:path';

export const PROGRESS_FILE = 'progress.json';
/** The node shell's history, beside progress.json (see shell-history.ts). */
export const SHELL_HISTORY_FILE = 'shell-history';

const NAME = 'svc-tutor';
/** Where earlier versions kept it (env-paths' default name); moved once by move-legacy.ts. */
const LEGACY_NAME = 'svc-tutor-nodejs';

export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
	const override = env.SVC_TUTOR_CONFIG_DIR;
	if (override !== undefined && override !== '') return override;
	return platformConfigDir(NAME, env, platform);
}

/** The old folder, or undefined when SVC_TUTOR_CONFIG_DIR chooses the folder (then nothing moves). */
export function legacyConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
	const override = env.SVC_TUTOR_CONFIG_DIR;
	if (override !== undefined && override !== '') return undefined;
	return platformConfigDir(LEGACY_NAME, env, platform);
}

export function progressPath(dir: string): string {
	return join(dir, PROGRESS_FILE);
}

// env-paths' config paths per platform (sindresorhus/env-paths, index.js), the home folder from env.
function platformConfigDir(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
	const home = (platform !== 'win32' && env.HOME) || homedir();
	if (platform === 'darwin') return join(home, 'Library', 'Preferences', name);
	if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), name, 'Config');
	return join(env.XDG_CONFIG_HOME || join(home, '.config'), name);
}
