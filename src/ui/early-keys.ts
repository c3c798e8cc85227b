// Keys typed while Ink, React and the engine load. The first frame is on screen a moment after
// launch (see prelude.ts), but Ink reads keys only once it is loaded. Until then this reader takes
// the terminal's bytes itself, runs each key through the app's own reducer and redraws the frame
// with plain escape codes, so the course answers from the first frame on. When Ink is ready the
// keys read are handed over and replayed on the app's initial state: none is lost, none is
// handled twice.
import {frameLines, segmentText, type Ansi} from './prelude.js';
import type {Key} from './keymap/key.js';
import {frameFor} from './layout/screen.js';
import {reducer} from './state/reducer.js';
import {initialState, type AppState, type InitialOptions} from './state/state.js';
import {CLEAR_LINE_END, CURSOR_HOME} from './terminal.js';

const SEQUENCES: Record<string, Key> = {
	'[A': {name: 'up'},
	'[B': {name: 'down'},
	'[C': {name: 'right'},
	'[D': {name: 'left'},
	OA: {name: 'up'},
	OB: {name: 'down'},
	OC: {name: 'right'},
	OD: {name: 'left'},
	'[5~': {name: 'pageup'},
	'[6~': {name: 'pagedown'},
	'[H': {name: 'home'},
	'[1~': {name: 'home'},
	'[7~': {name: 'home'},
	OH: {name: 'home'},
	'[F': {name: 'end'},
	'[4~': {name: 'end'},
	'[8~': {name: 'end'},
	OF: {name: 'end'},
	'[3~': {name: 'backspace'},
};

/** A terminal's bytes as keys, the way Ink reads them (see keymap/key.ts's toKeys). */
export function parseTerminalKeys(text: string): Key[] {
	const keys: Key[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i]!;
		if (ch === '\u001B') {
			// An escape sequence: CSI (ESC [ params final) or SS3 (ESC O x); ESC alone is Escape.
			const rest = text.slice(i + 1);
			const csi = /^\[[0-9;?]*[ -/]*[@-~]/.exec(rest) ?? /^O[A-Za-z]/.exec(rest);
			if (csi) {
				const known = SEQUENCES[csi[0].replace(/^\[1;\d+([A-D])$/, '[$1')];
				if (known) keys.push(known);
				i += 1 + csi[0].length;
				continue;
			}
			keys.push({name: 'escape'});
			i += 1;
			continue;
		}
		const code = ch.codePointAt(0)!;
		const char = String.fromCodePoint(code);
		i += char.length;
		if (ch === '\r' || ch === '\n') keys.push({name: 'enter'});
		else if (ch === '\t') keys.push({name: 'tab'});
		else if (ch === '\u007f' || ch === '\b') keys.push({name: 'backspace'});
		else if (code < 0x20) keys.push({name: 'ctrl', char: String.fromCharCode(code + 0x60)});
		else keys.push({name: 'char', char});
	}
	return keys;
}

/** The frame for a state, written over the one on screen (no alternate-screen switch: it is already on). */
export function redrawOutput(state: AppState, ansi: Ansi): string {
	const rows = frameLines(frameFor(state), state.size).map((l) => l.map((s) => segmentText(s, ansi)).join('') + CLEAR_LINE_END);
	return CURSOR_HOME + rows.join('\r\n') + CURSOR_HOME;
}

export interface EarlyKeys {
	/** Waits one turn of the event loop: keys already typed are read and drawn. */
	settle(): Promise<void>;
	/** Stops reading (what comes next stays in the stream for Ink) and gives the keys read so far, in order. */
	stop(): Key[];
}

/**
 * Reads keys from `stdin` (already in raw mode). With a first frame on screen (`shown`: the
 * progress it was drawn from and how), each key goes through the reducer and the frame is redrawn;
 * without one they are only kept.
 */
export function startEarlyKeys(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, options: Omit<InitialOptions, 'progress'>, shown: {progress: InitialOptions['progress']; ansi: Ansi} | undefined): EarlyKeys {
	const keys: Key[] = [];
	let state = shown ? initialState({...options, progress: shown.progress}) : undefined;
	const onData = (data: Buffer | string): void => {
		const read = parseTerminalKeys(typeof data === 'string' ? data : data.toString('utf8'));
		keys.push(...read);
		if (!state || !shown || read.length === 0) return;
		const before = state;
		for (const key of read) state = reducer(state, {type: 'key', key});
		// After q the app takes over at once and says goodbye; nothing to draw.
		if (state !== before && !state.quit) stdout.write(redrawOutput(state, shown.ansi));
	};
	// Read the way Ink reads ('readable', not 'data'), so handing over is only swapping listeners:
	// the stream never pauses, and what arrives in between waits in its buffer for Ink.
	const onReadable = (): void => {
		let chunk: Buffer | string | null;
		while ((chunk = stdin.read() as Buffer | string | null) !== null) onData(chunk);
	};
	stdin.on('readable', onReadable);
	return {
		settle: () => new Promise((resolve) => setImmediate(resolve)),
		stop() {
			stdin.off('readable', onReadable);
			return keys;
		},
	};
}

/** The app's initial state with the keys typed during loading applied, as if Ink had read them. */
export function replayKeys(initial: AppState, keys: readonly Key[]): AppState {
	let state = initial;
	for (const key of keys) state = reducer(state, {type: 'key', key});
	return state;
}
