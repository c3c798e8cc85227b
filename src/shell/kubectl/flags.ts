// Command lines parsed as cobra/pflag parse kubectl's: flags anywhere among the arguments,
// `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, bool shorthands grouped
// (`-Ao wide`), `--` ending the flags, and pflag's own words for what goes wrong.

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
	name: string;
	short?: string;
	type: FlagType;
}

export class FlagError extends Error {
	override readonly name = 'FlagError';
}

export interface ParsedLine {
	/** Arguments that are not flags, in order (before `--`). */
	args: string[];
	/** What follows `--` (undefined when there is no `--`). */
	afterDash: string[] | undefined;
	/** Each flag's values in the order given (bools as 'true'/'false'). */
	values: Map<string, string[]>;
}

export function parseFlags(tokens: readonly string[], specs: readonly FlagSpec[]): ParsedLine {
	const byName = new Map(specs.map((s) => [s.name, s]));
	const byShort = new Map(specs.flatMap((s) => (s.short ? [[s.short, s] as const] : [])));
	const values = new Map<string, string[]>();
	const set = (spec: FlagSpec, value: string, shown: string): void => {
		if (spec.type === 'bool' && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(value)) {
			throw new FlagError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
		}
		if (spec.type === 'int' && !/^[+-]?\d+$/.test(value)) {
			throw new FlagError(`invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
		}
		const normal = spec.type === 'bool' ? String(['true', '1', 't', 'TRUE', 'True', 'T'].includes(value)) : value;
		const list = values.get(spec.name) ?? [];
		if (spec.type === 'strings') list.push(...normal.split(','));
		else list.push(normal);
		values.set(spec.name, list);
	};
	const args: string[] = [];
	let afterDash: string[] | undefined;
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i]!;
		if (token === '--') {
			afterDash = tokens.slice(i + 1);
			break;
		}
		if (token.startsWith('--') && token.length > 2) {
			const eq = token.indexOf('=');
			const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
			const spec = byName.get(name);
			if (!spec) throw new FlagError(`unknown flag: --${name}`);
			const shown = `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}`;
			if (eq !== -1) set(spec, token.slice(eq + 1), shown);
			else if (spec.type === 'bool') set(spec, 'true', shown);
			else if (i + 1 < tokens.length) set(spec, tokens[++i]!, shown);
			else throw new FlagError(`flag needs an argument: --${name}`);
			continue;
		}
		if (token.startsWith('-') && token.length > 1) {
			let rest = token.slice(1);
			while (rest.length > 0) {
				const letter = rest[0]!;
				const spec = byShort.get(letter);
				if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in -${token.slice(1)}`);
				const shown = `-${spec.short}, --${spec.name}`;
				rest = rest.slice(1);
				if (spec.type === 'bool') {
					if (rest.startsWith('=')) {
						set(spec, rest.slice(1), shown);
						rest = '';
					} else set(spec, 'true', shown);
					continue;
				}
				if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, shown);
				else if (i + 1 < tokens.length) set(spec, tokens[++i]!, shown);
				else throw new FlagError(`flag needs an argument: '${letter}' in -${token.slice(1)}`);
				rest = '';
			}
			continue;
		}
		args.push(token);
	}
	return {args, afterDash, values};
}

/** The last value given for a flag (pflag keeps the last), or undefined. */
export function flagValue(line: ParsedLine, name: string): string | undefined {
	const list = line.values.get(name);
	return list === undefined ? undefined : list[list.length - 1];
}

export function flagBool(line: ParsedLine, name: string): boolean {
	return flagValue(line, name) === 'true';
}

export function flagList(line: ParsedLine, name: string): string[] {
	return line.values.get(name) ?? [];
}

/** kubectl's persistent flags, accepted by every verb. */
export const GLOBAL_FLAGS: FlagSpec[] = [
	{name: 'namespace', short: 'n', type: 'string'},
	{name: 'kubeconfig', type: 'string'},
	{name: 'context', type: 'string'},
	{name: 'cluster', type: 'string'},
	{name: 'user', type: 'string'},
	{name: 'server', short: 's', type: 'string'},
	{name: 'token', type: 'string'},
	{name: 'request-timeout', type: 'string'},
	{name: 'insecure-skip-tls-verify', type: 'bool'},
	{name: 'v', short: 'v', type: 'int'},
	{name: 'help', short: 'h', type: 'bool'},
	{name: 'warnings-as-errors', type: 'bool'},
	/** Set by kubectl itself from the kubeconfig's context (`config set-context --current --namespace`), never typed. */
	{name: '__context-namespace', type: 'string'},
];

/** -f FILE|DIR|- and its companions, for the verbs that read objects from files. */
export const FILE_FLAGS: FlagSpec[] = [
	{name: 'filename', short: 'f', type: 'strings'},
	{name: 'recursive', short: 'R', type: 'bool'},
	{name: 'kustomize', short: 'k', type: 'string'},
];
