// The screen on top, as one shape whatever it is: its keymap bound to its context (so a key can be
// dispatched, and the footer and help listed from the same table), its update and its frame.
// A new screen (the shell, an exam task) adds a case here and nothing elsewhere.
import {dispatch, footerHints, helpHints, takesText, type Keymap, type KeyHint} from '../keymap/keymap.js';
import type {Key} from '../keymap/key.js';
import type {Frame} from '../layout/frame.js';
import type {AppState} from '../state/state.js';
import {CLUSTER_KEYS} from './cluster/keys.js';
import {clusterFrame} from './cluster/layout.js';
import {clusterContext} from './cluster/source.js';
import {updateCluster} from './cluster/state.js';
import {HOME_KEYS} from './home/keys.js';
import {homeScreenFrame} from './home/layout.js';
import {updateHome} from './home/state.js';
import {SETTINGS_KEYS} from './settings/keys.js';
import {settingsFrame} from './settings/layout.js';
import {updateSettings} from './settings/state.js';
import {SHELL_KEYS} from './shell/keys.js';
import {shellFrame} from './shell/layout.js';
import {leaveShell, updateShell} from './shell/state.js';
import {bodyRows} from '../layout/frame.js';

export interface ActiveScreen {
	/** The state after a key, or undefined when the screen has no use for it. */
	key(key: Key): AppState | undefined;
	/** A text field has the keyboard: letters are typed, not commands. */
	readonly typing: boolean;
	footer(): KeyHint[];
	help(): KeyHint[];
	frame(): Frame;
}

function bind<C, I>(keymap: Keymap<C, I>, context: C, update: (intent: I) => AppState, frame: () => Frame): ActiveScreen {
	return {
		key: (key) => {
			const intent = dispatch(keymap, context, key);
			return intent === undefined ? undefined : update(intent);
		},
		typing: takesText(keymap, context),
		footer: () => footerHints(keymap, context),
		help: () => helpHints(keymap, context),
		frame,
	};
}

export function activeScreen(state: AppState): ActiveScreen {
	const {screen, world} = state;
	switch (screen.name) {
		case 'lesson':
		case 'practice':
			// The course is loaded before a lesson or practice opens (until then they are pending).
			if (world) return bind(CLUSTER_KEYS, clusterContext(state, world, screen), (intent) => updateCluster(state, screen, intent), () => clusterFrame(state, screen, world));
			break;
		case 'settings':
			return bind(SETTINGS_KEYS, screen, (intent) => updateSettings(state, screen, intent), () => settingsFrame(state, screen));
		case 'shell':
			if (world) return bind(SHELL_KEYS, screen, (intent) => updateShell(state, screen, intent, Math.max(1, bodyRows(state.size.rows) - 2)), () => shellFrame(state, screen));
			// `svc-tutor shell` while the engine loads: its prompt is drawn, and keys wait for it (the
			// reducer queues them). Should loading fail, the terminal says why and Esc still leaves.
			if (state.loadError === undefined) return bind(SHELL_KEYS, screen, () => state, () => shellFrame(state, screen));
			return bind(
				SHELL_KEYS,
				screen,
				(intent) => (intent.type === 'home' ? leaveShell(state, screen) : state),
				() => shellFrame(state, {...screen, lines: [...screen.lines, {text: `svc-tutor: the shell could not be loaded: ${state.loadError}`, kind: 'stderr'}]}),
			);
		case 'home':
			break;
	}
	return bind(HOME_KEYS, undefined, (intent) => updateHome(state, intent), () => homeScreenFrame(state));
}
