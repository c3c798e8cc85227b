// GNU getopt_long as coreutils, grep and sed use it: short options clustered (`-nv`), values
// attached or next (`-n5`, `-n 5`, `--lines=5`, `--lines 5`), long options abbreviated to any unique
// prefix, options after operands (permutation), `--` ending options; and glibc's error words.

export interface OptionSpec {
	/** The key the value is stored under. */
	key: string;
	short?: string;
	long?: string;
	/** 'none' (a flag), 'required' (takes a value), 'optional' (long `--x=v` or short `-xv` only). */
	value?: 'none' | 'required' | 'optional';
}

export interface ParsedOptions {
	/** Options in the order given: [key, value] (value '' for flags). */
	list: [string, string][];
	operands: string[];
}

export class OptionError extends Error {
	override name = 'OptionError';
}

/** The getopt way: `-n5`, `-n 5`, `--lines=5`; errors worded as glibc words them, prefixed by the tool. */
export function getopt(tool: string, args: readonly string[], specs: readonly OptionSpec[], options: {permute?: boolean} = {}): ParsedOptions {
	const permute = options.permute ?? true;
	const list: [string, string][] = [];
	const operands: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			operands.push(...args.slice(i + 1));
			break;
		}
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			const name = arg.slice(2, eq < 0 ? undefined : eq);
			const exact = specs.find((s) => s.long === name);
			const candidates = exact ? [exact] : specs.filter((s) => s.long?.startsWith(name));
			const distinct = [...new Map(candidates.map((s) => [s.key, s])).values()];
			if (distinct.length === 0) throw new OptionError(`${tool}: unrecognized option '${arg}'`);
			if (distinct.length > 1) {
				throw new OptionError(`${tool}: option '${arg.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities:${candidates.map((s) => ` '--${s.long}'`).join('')}`);
			}
			const spec = distinct[0]!;
			const kind = spec.value ?? 'none';
			if (kind === 'none') {
				if (eq >= 0) throw new OptionError(`${tool}: option '--${spec.long}' doesn't allow an argument`);
				list.push([spec.key, '']);
			} else if (eq >= 0) list.push([spec.key, arg.slice(eq + 1)]);
			else if (kind === 'optional') list.push([spec.key, '']);
			else {
				if (i + 1 >= args.length) throw new OptionError(`${tool}: option '--${spec.long}' requires an argument`);
				list.push([spec.key, args[++i]!]);
			}
			continue;
		}
		if (arg.startsWith('-') && arg.length > 1) {
			for (let j = 1; j < arg.length; j++) {
				const c = arg[j]!;
				const spec = specs.find((s) => s.short === c);
				if (!spec) throw new OptionError(`${tool}: invalid option -- '${c}'`);
				const kind = spec.value ?? 'none';
				if (kind === 'none') {
					list.push([spec.key, '']);
					continue;
				}
				const rest = arg.slice(j + 1);
				if (rest !== '' || kind === 'optional') list.push([spec.key, rest]);
				else {
					if (i + 1 >= args.length) throw new OptionError(`${tool}: option requires an argument -- '${c}'`);
					list.push([spec.key, args[++i]!]);
				}
				break;
			}
			continue;
		}
		if (!permute) {
			operands.push(...args.slice(i));
			break;
		}
		operands.push(arg);
	}
	return {list, operands};
}

export function has(parsed: ParsedOptions, key: string): boolean {
	return parsed.list.some(([k]) => k === key);
}

/** The last value given for key (getopt tools keep the last). */
export function last(parsed: ParsedOptions, key: string): string | undefined {
	for (let i = parsed.list.length - 1; i >= 0; i--) if (parsed.list[i]![0] === key) return parsed.list[i]![1];
	return undefined;
}

export function all(parsed: ParsedOptions, key: string): string[] {
	return parsed.list.filter(([k]) => k === key).map(([, v]) => v);
}

/** coreutils' usage tail: `Try 'head --help' for more information.` */
export function tryHelp(tool: string): string {
	return `Try '${tool} --help' for more information.`;
}
