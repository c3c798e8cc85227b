// Turns zod's issues into the short phrases a lesson author reads in a load error. zod's own
// messages ("Invalid input: expected string, received undefined") say what the validator saw,
// not what the author should write.

import type {z} from 'zod';

type Issue = z.core.$ZodIssue;

/** `steps[6].quiz.answer` */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out === '' ? String(part) : `.${String(part)}`;
	}
	return out;
}

// zod's built-in messages all start like this; anything else was written by a schema for authors.
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized)/;

export function describeIssue(issue: Issue): string {
	if (issue.code === 'invalid_type' && issue.input === undefined) return `missing, expected ${article(issue.expected)}`;
	if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
	switch (issue.code) {
		case 'invalid_type':
			return `expected ${article(issue.expected)}, got ${shown(issue.input)}`;
		case 'too_small':
			return issue.origin === 'array'
				? `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
				: issue.origin === 'string'
					? 'must not be empty'
					: `must be at least ${String(issue.minimum)}, got ${shown(issue.input)}`;
		case 'too_big':
			return issue.origin === 'array'
				? `has more than ${String(issue.maximum)} items`
				: `must be at most ${String(issue.maximum)}, got ${shown(issue.input)}`;
		case 'invalid_value':
			return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${shown(issue.input)}`;
		default:
			return issue.message;
	}
}

function article(expected: string): string {
	const noun = expected === 'int' ? 'integer' : expected === 'object' ? 'mapping' : expected === 'array' ? 'list' : expected;
	return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function shown(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	if (value === undefined) return 'nothing';
	return JSON.stringify(value);
}
