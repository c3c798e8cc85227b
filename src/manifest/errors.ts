// Where a manifest problem is, and the one error type the loader throws: the CLI prints
// `message` as is, so it must be a single line that names the file and position.

export interface Position {
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
}

/** `cluster.yaml:14:9`, the form editors and terminals turn into a jump target. */
export function formatPosition(position: Position): string {
	return `${position.file}:${position.line}:${position.column}`;
}

export class ManifestError extends Error {
	override readonly name = 'ManifestError';

	constructor(
		message: string,
		/** Absent only when the object did not come from a file (e.g. built by the simulator). */
		readonly position?: Position,
	) {
		super(message);
	}
}

/** Builds the one-line message: `file:line:col: <subject>: <detail>`, skipping missing parts. */
export function manifestError(position: Position | undefined, ...parts: (string | undefined)[]): ManifestError {
	const text = parts.filter((part): part is string => part !== undefined && part !== '');
	const prefix = position ? [formatPosition(position)] : [];
	return new ManifestError([...prefix, ...text].join(': '), position);
}
