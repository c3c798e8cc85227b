// The Shell screen: a terminal on the node shell (src/shell) of the seed's kubeadm-shaped cluster.
// The screen holds what the terminal shows (the lines above the prompt, the line being typed,
// how far it is scrolled back); the shell session itself, with the cluster and the nodes' files,
// is the World's. Each line run gets a number and runs once (World.shell's run), so a reducer
// asked twice for the same step gives the same state.
import {editText, entered, textInput, type TextInput, type TextIntent} from '../../parts/text-input/state.js';
import {completionListing} from '../../../shell/completion-listing.js';
import {SHELL_HISTORY_SIZE} from '../../../tutor/progress/shell-history.js';
import {goHome} from '../../state/navigate.js';
import type {AppState, Screen} from '../../state/state.js';
import type {ShellHandle, ShellRun, World} from '../../world-types.js';

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
	/** Where leaving the shell goes: home (undefined), the screen it was opened from, or out of svc-tutor (`svc-tutor shell`). */
	back?: Screen | 'quit';
	/** The last key was Tab: a second Tab that adds nothing lists the candidates, as bash does. */
	tabbed?: boolean;
	/** A lesson's own cluster at a step (opened from the step), instead of the shell cluster. */
	on?: LessonCluster;
}

export interface LessonCluster {
	lesson: number;
	step: number;
	/** The node the shell opens on (the step's view's); controlplane when absent. */
	node?: string;
}

/** The shell a screen is a terminal on. */
export function shellOf(world: World, screen: Pick<ShellScreen, 'on'>, seed: number): ShellHandle {
	const on = screen.on;
	return on ? world.lessonShell(on.lesson, on.step, seed, on.node) : world.shell(seed);
}

export type ShellIntent =
	| {type: 'edit'; edit: TextIntent}
	| {type: 'run'}
	| {type: 'complete'}
	| {type: 'cancel'}
	| {type: 'clear'}
	| {type: 'scroll'; by: 'page' | '-page' | 'bottom'}
	| {type: 'home'}
	| {type: 'ignore'};

/** A terminal keeps this many lines back. */
export const SCROLLBACK = 2000;
/** The longest line the prompt takes. */
export const LINE_LIMITS = {max: 4000};

export interface ShellOpening {
	/** A command line typed and ready to edit (a lesson step's `shell:`). */
	line?: string;
	back?: Screen | 'quit';
	on?: LessonCluster;
}

export function openShellScreen(shell: ShellHandle, opening: ShellOpening = {}): ShellScreen {
	// The history file's problem is said once, on the terminal's first opening.
	const lines: ShellLine[] = shell.lines === 0 && shell.notice !== undefined ? [{text: shell.notice, kind: 'stderr'}] : [];
	return {
		name: 'shell',
		prompt: shell.prompt(),
		input: textInput(opening.line ?? '', shell.history),
		lines,
		scroll: 0,
		next: shell.lines,
		...(opening.back !== undefined ? {back: opening.back} : {}),
		...(opening.on !== undefined ? {on: opening.on} : {}),
	};
}

/** `svc-tutor shell`: the screen drawn while the engine loads, on the fresh shell's prompt. */
export function waitingShellScreen(prompt: string, history: readonly string[]): ShellScreen {
	return {name: 'shell', prompt, input: textInput('', history), lines: [], scroll: 0, next: 0, back: 'quit'};
}

/** Out of the shell: home, back to the screen it was opened from, or out of svc-tutor. */
export function leaveShell(state: AppState, screen: ShellScreen): AppState {
	if (screen.back === 'quit') return {...state, quit: true};
	if (screen.back !== undefined) return {...state, screen: screen.back};
	return goHome(state);
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
	const set = (next: Partial<ShellScreen>): AppState => ({...state, screen: {...screen, tabbed: false, ...next}});
	const shell = shellOf(state.world!, screen, state.progress.seed);
	switch (intent.type) {
		case 'ignore':
			return state;
		case 'home':
			return leaveShell(state, screen);
		case 'complete': {
			const {input} = screen;
			const done = shell.complete(input.text, input.cursor);
			if (done.line !== input.text || done.cursor !== input.cursor) return set({input: {text: done.line, cursor: done.cursor, history: input.history}, scroll: 0, tabbed: true});
			if (!screen.tabbed || done.candidates.length < 2) return set({tabbed: true});
			// The second Tab: the line as typed, the candidates in columns, and the prompt again.
			const listed = completionListing(done.candidates, state.size.columns).map((text): ShellLine => ({text, kind: 'stdout'}));
			return set({lines: kept([...screen.lines, {text: `${screen.prompt}${input.text}`, kind: 'prompt'}, ...listed]), scroll: 0, tabbed: true});
		}
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
			if (line.trim() === '') return set({lines: kept([...screen.lines, echoed]), input: entered(screen.input, SHELL_HISTORY_SIZE), scroll: 0});
			const run = shell.run(screen.next, line);
			if (run.exit) return leaveShell(state, screen);
			const lines = run.clear ? outputLines(run) : [...screen.lines, echoed, ...outputLines(run)];
			return set({lines: kept(lines), input: entered(screen.input, SHELL_HISTORY_SIZE), prompt: shell.prompt(), scroll: 0, next: screen.next + 1});
		}
	}
}
