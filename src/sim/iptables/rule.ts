// The kernel's view of an iptables rule set: what `iptables-restore` builds from kube-proxy's text
// and what `iptables-save`, `iptables -L` and the packet tracer read back. Values are held as the
// kernel holds them (a mark target is value/mask, a probability is the stored fraction), so every
// printed form is derived from one source.

export type TableName = 'filter' | 'nat' | 'mangle';

export interface Negatable<T> {
	value: T;
	negated: boolean;
}

/** An address match, always as network/prefix (`10.96.0.1/32`), negated with `!`. */
export type AddressMatch = Negatable<string>;

export interface PortMatch {
	/** A single port, or the first of a range. */
	from: number;
	to: number;
	negated: boolean;
}

export type Match =
	| {module: 'comment'; comment: string}
	| {module: 'tcp' | 'udp' | 'sctp'; dport?: PortMatch; sport?: PortMatch}
	| {module: 'addrtype'; srcType?: Negatable<string>; dstType?: Negatable<string>}
	/** `probability` is what the kernel stores: round(p × 2^31) / 2^31. */
	| {module: 'statistic'; mode: 'random'; probability: number}
	| {
			module: 'recent';
			command: 'set' | 'rcheck' | 'update' | 'remove';
			name: string;
			seconds?: number;
			reap: boolean;
			mask: string;
			side: 'rsource' | 'rdest';
	  }
	| {module: 'mark'; value: number; mask: number; negated: boolean}
	| {module: 'conntrack'; ctstate: string[]; negated: boolean}
	| {module: 'nfacct'; name: string};

export type Target =
	/** A jump to a user-defined chain. */
	| {kind: 'jump'; chain: string}
	| {kind: 'ACCEPT' | 'DROP' | 'RETURN'}
	| {kind: 'DNAT'; toDestination: string}
	/** `--or-mark x` is value x mask x; `--xor-mark x` is value x mask 0; `--set-xmark v/m` as written. */
	| {kind: 'MARK'; value: number; mask: number}
	| {kind: 'MASQUERADE'; randomFully: boolean}
	| {kind: 'REJECT'; rejectWith: string};

export interface Rule {
	chain: string;
	source?: AddressMatch;
	destination?: AddressMatch;
	protocol?: Negatable<'tcp' | 'udp' | 'sctp' | 'icmp'>;
	inInterface?: Negatable<string>;
	outInterface?: Negatable<string>;
	/** In the order they were given, as the kernel keeps them. */
	matches: Match[];
	/** Absent for a rule that only counts (kube-proxy's last KUBE-FW-… rule). */
	target?: Target;
}

export interface Chain {
	name: string;
	/** Built-in chains have a policy; user chains have none (`-` in save form). */
	policy?: 'ACCEPT' | 'DROP';
}

export interface Table {
	name: TableName;
	/** Built-in chains first in the kernel's order, then user chains in declaration order. */
	chains: Chain[];
	/** Grouped by nothing: rules in the order they were appended; a chain's rules keep their relative order. */
	rules: Rule[];
}

export interface Ruleset {
	tables: Table[];
}

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
	mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
	filter: ['INPUT', 'FORWARD', 'OUTPUT'],
	nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};
