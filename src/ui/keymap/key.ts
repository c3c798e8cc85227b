// Ink's (input, key) pairs as the few keys the tutor understands. Several characters in one
// event (a paste, or tmux sending a string) become one key each, handled in order by the reducer,
// so a burst is read exactly as if it had been typed slowly.
import type {Key as InkKey} from 'ink';

export type Key =
	| {name: 'up' | 'down' | 'left' | 'right' | 'enter' | 'escape' | 'tab' | 'backspace' | 'pageup' | 'pagedown' | 'home' | 'end'}
	| {name: 'char'; char: string}
	| {name: 'ctrl'; char: string};

export type KeyName = Key['name'];

export function toKeys(input: string, key: Pick<InkKey, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete' | 'pageUp' | 'pageDown' | 'ctrl' | 'shift'> & {home?: boolean; end?: boolean; meta?: boolean}): Key[] {
	if (key.upArrow) return [{name: 'up'}];
	if (key.downArrow) return [{name: 'down'}];
	if (key.leftArrow) return [{name: 'left'}];
	if (key.rightArrow) return [{name: 'right'}];
	if (key.return) return [{name: 'enter'}];
	if (key.escape) return [{name: 'escape'}];
	if (key.tab) return [{name: 'tab'}];
	// Terminals send DEL (0x7f) for the Backspace key, which Ink reports as `delete`.
	if (key.backspace || key.delete) return [{name: 'backspace'}];
	if (key.pageUp) return [{name: 'pageup'}];
	if (key.pageDown) return [{name: 'pagedown'}];
	if (key.home) return [{name: 'home'}];
	if (key.end) return [{name: 'end'}];
	if (key.ctrl) return input ? [{name: 'ctrl', char: input.toLowerCase()}] : [];
	// Esc and then a letter read together (ESC b) is what a terminal sends for Alt+b, and Ink
	// reports it so; the tutor has no Alt keys, and it was Esc, then b, typed quickly.
	if (key.meta === true && !key.escape && [...input].length === 1 && input >= ' ') return [{name: 'escape'}, {name: 'char', char: input}];
	const out: Key[] = [];
	// Several keys read at once (a busy app, a paste) come as one string: each byte is its key,
	// Backspace (DEL) and Ctrl+letter included, never dropped.
	for (const char of input) {
		if (char === '\r' || char === '\n') out.push({name: 'enter'});
		else if (char === '\t') out.push({name: 'tab'});
		else if (char === '\u007f' || char === '\b') out.push({name: 'backspace'});
		else if (char >= '\u0001' && char <= '\u001a') out.push({name: 'ctrl', char: String.fromCharCode(char.charCodeAt(0) + 96)});
		else if (char >= ' ') out.push({name: 'char', char});
	}
	return out;
}

export const isChar = (key: Key, ...chars: string[]): boolean => key.name === 'char' && chars.includes(key.char);
