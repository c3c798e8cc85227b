// A one-line text field: the text, a cursor in it, and the lines entered before (↑/↓ recall
// them). Used by the typed quiz answer, the typed trace, the seed in settings, and the shell.
export interface TextInput {
	text: string;
	/** In characters (code points), 0…length. */
	cursor: number;
	/** Lines entered before, oldest first. */
	history: readonly string[];
	/** While recalling: which history line is shown, and the line being typed before it. */
	recall?: {at: number; draft: string};
}

export type TextIntent =
	| {type: 'insert'; text: string}
	| {type: 'erase'}
	| {type: 'eraseWord'}
	| {type: 'eraseToStart'}
	| {type: 'move'; to: 'left' | 'right' | 'start' | 'end'}
	| {type: 'recall'; by: -1 | 1};

export interface TextLimits {
	/** Longest text, in characters. */
	max: number;
	/** Characters the field takes (others are ignored). */
	accept?: RegExp;
}

export function textInput(text = '', history: readonly string[] = []): TextInput {
	return {text, cursor: [...text].length, history};
}

export function editText(input: TextInput, intent: TextIntent, limits: TextLimits): TextInput {
	const chars = [...input.text];
	const at = Math.max(0, Math.min(input.cursor, chars.length));
	const set = (next: string[], cursor: number): TextInput => ({text: next.join(''), cursor, history: input.history});
	switch (intent.type) {
		case 'insert': {
			const typed = [...intent.text].filter((c) => limits.accept === undefined || limits.accept.test(c));
			const room = Math.max(0, limits.max - chars.length);
			const taken = typed.slice(0, room);
			if (taken.length === 0) return input;
			return set([...chars.slice(0, at), ...taken, ...chars.slice(at)], at + taken.length);
		}
		case 'erase':
			return at === 0 ? input : set([...chars.slice(0, at - 1), ...chars.slice(at)], at - 1);
		case 'eraseWord': {
			// As readline's Ctrl-W: the spaces before the cursor, then the word before them.
			let from = at;
			while (from > 0 && chars[from - 1] === ' ') from--;
			while (from > 0 && chars[from - 1] !== ' ') from--;
			return set([...chars.slice(0, from), ...chars.slice(at)], from);
		}
		case 'eraseToStart':
			return set(chars.slice(at), 0);
		case 'move': {
			const to = intent.to === 'start' ? 0 : intent.to === 'end' ? chars.length : intent.to === 'left' ? Math.max(0, at - 1) : Math.min(chars.length, at + 1);
			return to === input.cursor ? input : {...input, cursor: to};
		}
		case 'recall':
			return recall(input, intent.by);
	}
}

function recall(input: TextInput, by: -1 | 1): TextInput {
	const {history} = input;
	const current = input.recall?.at ?? history.length;
	const at = Math.max(0, Math.min(history.length, current + by));
	if (at === current) return input;
	const draft = input.recall?.draft ?? input.text;
	const text = at === history.length ? draft : history[at]!;
	return {text, cursor: [...text].length, history, ...(at === history.length ? {} : {recall: {at, draft}})};
}

/** The field after Enter: empty, with the line entered added to the history (not twice in a row). */
export function entered(input: TextInput, keep = 500): TextInput {
	const line = input.text;
	const history = line.trim() === '' || input.history.at(-1) === line ? input.history : [...input.history, line].slice(-keep);
	return textInput('', history);
}
