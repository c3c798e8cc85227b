// iptables-restore's own word splitting. Double quotes group (and may start mid-word), a closing
// quote ends the word, a backslash inside quotes takes the next character literally; single quotes
// and backslashes outside quotes are ordinary characters. Space, tab, CR and LF separate words.

const QUOTE = 34;
const BACKSLASH = 92;

function isSeparator(c: number): boolean {
	return c === 32 || c === 9 || c === 10 || c === 13;
}

export function tokenize(text: string): string[] {
	// Words are cut out with slice rather than grown a character at a time: rope strings built
	// by += are flattened again on every Map lookup, which made large restores several times slower.
	const words: string[] = [];
	const n = text.length;
	// The word being read: its first piece, then any further ones (only when quotes join pieces).
	let first: string | undefined;
	let more: string[] | undefined;
	let i = 0;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (isSeparator(c)) {
			if (first !== undefined) {
				words.push(more === undefined ? first : [first, ...more].join(''));
				first = undefined;
				more = undefined;
			}
			i++;
			continue;
		}
		let piece: string;
		let ends = false;
		if (c === QUOTE) {
			i++;
			let from = i;
			let pieces: string[] | undefined;
			while (i < n) {
				const d = text.charCodeAt(i);
				if (d === QUOTE) break;
				if (d === BACKSLASH) {
					(pieces ??= []).push(text.slice(from, i));
					from = i + 1;
					i += 2;
				} else {
					i++;
				}
			}
			const last = text.slice(from, i < n ? i : n);
			piece = pieces === undefined ? last : (pieces.push(last), pieces.join(''));
			i++;
			ends = true;
		} else {
			const from = i;
			i++;
			while (i < n) {
				const d = text.charCodeAt(i);
				if (isSeparator(d) || d === QUOTE) break;
				i++;
			}
			piece = text.slice(from, i);
		}
		if (first === undefined) first = piece;
		else (more ??= []).push(piece);
		if (ends) {
			// The closing quote ends the word, even with no space after it.
			words.push(more === undefined ? first : [first, ...more].join(''));
			first = undefined;
			more = undefined;
		}
	}
	if (first !== undefined) words.push(more === undefined ? first : [first, ...more].join(''));
	return words;
}
