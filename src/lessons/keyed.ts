// Lesson files say what a thing is by which key it has (`- text: …`, `- quiz: …`), the way
// Kubernetes manifests do. zod's plain union would answer a typo in one branch with "Invalid
// input" for the whole step; this union picks the branch from the key first, so the author sees
// the error inside the branch they meant, at its own path.

import {z} from 'zod';

type Branches = Record<string, z.ZodType>;
type Output<B extends Branches, S extends z.ZodType | undefined> =
	| {[K in keyof B]: z.output<B[K]>}[keyof B]
	| (S extends z.ZodType ? z.output<S> : never);

export interface KeyedOptions<S extends z.ZodType | undefined> {
	/** What the thing is called in messages: "step type", "cluster action". */
	what: string;
	/** A plain string is also accepted, checked by this schema (`cluster: seed-notes`). */
	string?: S;
}

/** Issue params the positioner reads: point at this key of the mapping rather than at the value. */
export interface KeyParams {
	key: string;
}

export function keyed<B extends Branches, S extends z.ZodType | undefined = undefined>(
	branches: B,
	options: KeyedOptions<S>,
): z.ZodType<Output<B, S>> {
	const tags = Object.keys(branches);
	const expected = listed(tags, options.string ? 'a string' : undefined);
	return z.unknown().transform((input, ctx): Output<B, S> => {
		const fail = (message: string, params?: KeyParams): never => {
			ctx.issues.push({code: 'custom', input, message, ...(params ? {params} : {})});
			return z.NEVER;
		};
		const delegate = (schema: z.ZodType): Output<B, S> => {
			const result = schema.safeParse(input, {reportInput: true});
			if (result.success) return result.data as Output<B, S>;
			// The branch's finished issues are re-raised unchanged; their paths are relative to this value,
			// which is what the enclosing object and array prefix. TypeScript cannot pair each issue code
			// with its raw form through the spread, hence the cast.
			for (const issue of result.error.issues) ctx.issues.push({...issue, input: issue.input} as (typeof ctx.issues)[number]);
			return z.NEVER;
		};
		if (typeof input === 'string' && options.string) return delegate(options.string);
		if (typeof input !== 'object' || input === null || Array.isArray(input)) {
			return fail(`expected ${expected}, got ${Array.isArray(input) ? 'a list' : JSON.stringify(input)}`);
		}
		const keys = Object.keys(input);
		const present = tags.filter((tag) => keys.includes(tag));
		const [tag, second] = present;
		if (tag === undefined) {
			const first = keys[0];
			if (first === undefined) return fail(`empty, expected ${expected}`);
			return fail(`unknown ${options.what} ${JSON.stringify(first)} (expected ${expected})`, {key: first});
		}
		if (second !== undefined) {
			return fail(`has both ${JSON.stringify(tag)} and ${JSON.stringify(second)}: one ${options.what} per item`, {key: second});
		}
		return delegate(branches[tag]!);
	});
}

/** "text, cluster, show or quiz" */
function listed(tags: string[], extra: string | undefined): string {
	const words = [...tags, ...(extra ? [extra] : [])];
	return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}
