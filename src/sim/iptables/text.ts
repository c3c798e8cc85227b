// Building iptables-save and iptables -L output, 20 MB for a big node, out of pieces: most of
// them repeat (rules share match and target objects, neighbouring rules have the same comment),
// so each piece's text is made once, and the pieces are joined a few thousand at a time.

/** Where the pieces of a text go: a list, or a TextBuilder. */
export interface Sink {
	push(piece: string): unknown;
}

const CHUNK = 4096;

/** A long text built from many small pieces. V8 joins a few thousand strings at a time far faster
 * than millions in one array or a rope grown by +=, so pieces go into a small reused array that
 * is joined into a chunk when full. */
export class TextBuilder implements Sink {
	private readonly pieces: string[] = new Array<string>(CHUNK);
	private count = 0;
	private readonly chunks: string[] = [];

	push(piece: string): void {
		this.pieces[this.count++] = piece;
		if (this.count === CHUNK) {
			this.chunks.push(this.pieces.join(''));
			this.count = 0;
		}
	}

	toString(): string {
		this.pieces.length = this.count;
		this.chunks.push(this.pieces.join(''));
		this.pieces.length = CHUNK;
		this.count = 0;
		const text = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
		this.chunks.length = 0;
		return text;
	}
}

/** The texts of the last few objects rendered (an object is never changed in place), for values
 * neighbouring rules share: a jump to KUBE-MARK-MASQ, an address. */
export class RecentTexts<T extends object> {
	private readonly keys: (T | undefined)[] = [undefined, undefined, undefined, undefined];
	private readonly texts: string[] = ['', '', '', ''];
	private next = 0;

	constructor(private readonly render: (value: T) => string) {}

	text(value: T): string {
		const {keys} = this;
		for (let i = 0; i < 4; i++) if (keys[i] === value) return this.texts[i]!;
		const text = this.render(value);
		keys[this.next] = value;
		this.texts[this.next] = text;
		this.next = (this.next + 1) & 3;
		return text;
	}
}

/** The text of every object rendered, for the few objects many rules share (parse.ts gives rules
 * with the same `-m tcp --dport 80` or probability one object). */
export class SharedTexts<T extends object> {
	private readonly known = new Map<T, string>();

	constructor(private readonly render: (value: T) => string) {}

	text(value: T): string {
		let text = this.known.get(value);
		if (text === undefined) {
			text = this.render(value);
			this.known.set(value, text);
		}
		return text;
	}
}
