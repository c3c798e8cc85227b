// The Shell screen: a terminal on the node shell (src/shell) of the seed's kubeadm-shaped cluster.
// The screen holds what the terminal shows (the lines above the prompt, the line being typed,
// how far it is scrolled back); the shell session itself, with the cluster and the nodes' files,
// is the World's. Each line run gets a number and runs once (World.shell's run), so a reducer
// asked twice for the same step gives the same state.
import {editText, entered, textInput, type TextInput, type TextIntent} from '../../parts/text-input/state.js';
import {goHome} from '../../state/navigate.js';
import type {AppState} from '../../state/state.js';
import type {ShellHandle, ShellRun} from '../../world-types.js';

export interface ShellLine {
	text: string;
	kind: 'prompt' | 'stdout' | 'stderr';
}

export interface ShellScreen {
	name: 'shell';
	/** The prompt now (it follows ssh and cd). */
	prompt: string;
	input: TextInput;
	/** What the terminal shows above the prompt, oldest first. */
	lines: readonly ShellLine[];
	/** Rows scrolled back from the bottom (PgUp); typing comes back down. */
	scroll: number;
	/** The number the next line runs as (see ShellHandle.run). */
	next: number;
}

export type ShellIntent =
	| {type: 'edit'; edit: TextIntent}
	| {type: 'run'}
	| {type: 'cancel'}
	| {type: 'clear'}
	| {type: 'scroll'; by: 'page' | '-page' | 'bottom'}
	| {type: 'home'}
	| {type: 'ignore'};

/** A terminal keeps this many lines back. */
export const SCROLLBACK = 2000;
/** The longest line the prompt takes. */
export const LINE_LIMITS = {max: 4000};

export function openShellScreen(shell: ShellHandle): ShellScreen {
	return {name: 'shell', prompt: shell.prompt(), input: textInput('', shell.history), lines: [], scroll: 0, next: shell.lines};
}

/** A line's output as the terminal's lines: split at newlines, tabs to the next multiple of 8. */
export function outputLines(run: Pick<ShellRun, 'output'>): ShellLine[] {
	const out: ShellLine[] = [];
	for (const chunk of run.output) {
		const texts = chunk.text.replace(/\n$/, '').split('\n');
		for (const text of texts) out.push({text: expandTabs(text), kind: chunk.stream});
	}
	return out;
}

function expandTabs(text: string): string {
	if (!text.includes('\t')) return text;
	let out = '';
	for (const ch of text) out += ch === '\t' ? ' '.repeat(8 - ([...out].length % 8)) : ch;
	return out;
}

const kept = (lines: readonly ShellLine[]): readonly ShellLine[] => (lines.length > SCROLLBACK ? lines.slice(-SCROLLBACK) : lines);

export function updateShell(state: AppState, screen: ShellScreen, intent: ShellIntent, page: number): AppState {
	const set = (next: Partial<ShellScreen>): AppState => ({...state, screen: {...screen, ...next}});
	const shell = state.world!.shell(state.progress.seed);
	switch (intent.type) {
		case 'ignore':
			return state;
		case 'home':
			return goHome(state);
		case 'edit':
			return set({input: editText(screen.input, intent.edit, LINE_LIMITS), scroll: 0});
		case 'scroll': {
			// PgUp goes back (further from the bottom), PgDn comes forward.
			const by = intent.by === '-page' ? page : intent.by === 'page' ? -page : -screen.scroll;
			return set({scroll: Math.max(0, screen.scroll + by)});
		}
		case 'clear':
			return set({lines: [], scroll: 0});
		case 'cancel':
			// As bash: the line stays on screen with ^C after it, and a fresh prompt.
			return set({lines: kept([...screen.lines, {text: `${screen.prompt}${screen.input.text}^C`, kind: 'prompt'}]), input: textInput('', screen.input.history), scroll: 0});
		case 'run': {
			const line = screen.input.text;
			const echoed: ShellLine = {text: `${screen.prompt}${line}`, kind: 'prompt'};
			if (line.trim() === '') return set({lines: kept([...screen.lines, echoed]), input: entered(screen.input), scroll: 0});
			const run = shell.run(screen.next, line);
			if (run.exit) return goHome(state);
			const lines = run.clear ? outputLines(run) : [...screen.lines, echoed, ...outputLines(run)];
			return set({lines: kept(lines), input: entered(screen.input), prompt: shell.prompt(), scroll: 0, next: screen.next + 1});
		}
	}
}
