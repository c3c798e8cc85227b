// `svc-tutor rules`: the NAT (and filter) rules kube-proxy writes on one node, in the forms a
// learner meets: kube-proxy's own iptables-restore input, `iptables-save`, `iptables -L` (with -n,
// -v, -x, --line-numbers, one chain) and `iptables -S`.
import {IptablesListError, renderList} from '../sim/iptables/list.js';
import {renderSpec} from '../sim/iptables/spec.js';
import type {TableName} from '../sim/iptables/rule.js';
import type {KubeProxy, ProxyMode} from '../sim/kube-proxy/kube-proxy.js';
import {renderNftablesRules} from './rules-nftables.js';
import {ctimeDate, renderSave} from '../sim/iptables/save.js';
import {UsageError, type CommandIO} from './io.js';
import {chooseNode, loadCluster, printWarnings} from './load-cluster.js';

export type RulesFormat = 'save' | 'restore' | 'list' | 'spec';

/** iptables -L's and -S's options: -v, -x, --line-numbers and one chain. */
export interface ListingOptions {
	verbose?: boolean;
	exact?: boolean;
	lineNumbers?: boolean;
	chain?: string;
}

export interface RulesArgs {
	files: string[];
	node?: string;
	format: RulesFormat;
	table?: 'nat' | 'filter';
	numeric: boolean;
	listing?: ListingOptions;
	serviceClusterIPRange?: string;
	/** --proxy-mode: overrides the KubeProxyConfiguration's mode. */
	proxyMode?: ProxyMode;
	nodeIP?: string;
}

const NO_PROXY_CONFIG_NOTE =
	'note: no KubeProxyConfiguration given, so kube-proxy runs with its defaults: clusterCIDR is empty and no "! -s <pod CIDR> -j KUBE-MARK-MASQ" rules are written (kubeadm clusters set clusterCIDR in the kube-proxy ConfigMap)\n';
/** The same note for nftables mode, naming the rule as nftables writes it. */
const NO_PROXY_CONFIG_NOTE_NFT =
	'note: no KubeProxyConfiguration given, so kube-proxy runs with its defaults: clusterCIDR is empty and no "ip saddr != <pod CIDR> jump mark-for-masquerade" rules are written (kubeadm clusters set clusterCIDR in the kube-proxy ConfigMap)\n';

export async function runRules(args: RulesArgs, io: CommandIO): Promise<number> {
	if (args.numeric && args.format !== 'list') throw new UsageError('rules: -n goes with --format list (iptables -L -n)');
	checkListing(args.format, args.listing ?? {});
	const {cluster, manifests, warnings, notes} = await loadCluster(
		{
			files: args.files,
			...(args.serviceClusterIPRange !== undefined ? {serviceClusterIPRange: args.serviceClusterIPRange} : {}),
			...(args.node !== undefined ? {node: args.node} : {}),
			...(args.nodeIP !== undefined ? {nodeIP: args.nodeIP} : {}),
		},
		io,
	);
	const node = chooseNode(cluster, args.node, 'rules');
	const running = cluster.kubeProxy(node.metadata.name);
	if (!running) throw new UsageError(`rules: node ${node.metadata.name} has no kube-proxy`);
	const proxy = args.proxyMode ? running.withMode(args.proxyMode) : running;
	const output = renderRules(proxy, args.format, args.table, args.numeric, cluster.clock.now(), args.listing);
	// Warnings and the note only now: had rendering failed, its error line would be all there is.
	printWarnings(warnings, io, notes);
	if (!manifests.proxyConfig) io.stderr(proxy.mode === 'nftables' ? NO_PROXY_CONFIG_NOTE_NFT : NO_PROXY_CONFIG_NOTE);
	io.stdout(output);
	return 0;
}

/** The node's rules in one form: kube-proxy's restore text as written, or the kernel's rule set
 * (kube-proxy's sync applied to the node's baseline) printed as iptables-save or iptables -L. */
export function renderRules(proxy: KubeProxy, format: RulesFormat, table: 'nat' | 'filter' | undefined, numeric: boolean, date: Date, listing: ListingOptions = {}): string {
	if (proxy.mode === 'nftables') {
		if (format === 'spec') throw new UsageError('rules: --format spec is iptables -S, which has no nft counterpart; nftables mode prints --format save (nft list table) or restore');
		return renderNftablesRules(proxy, format, table);
	}
	if (format === 'restore') {
		const restore = proxy.sync().restore;
		return table ? restoreTable(restore, table) : restore;
	}
	const ruleset = proxy.ruleset();
	if (format === 'save') {
		const tables: TableName[] | undefined = table ? [table] : undefined;
		return renderSave(ruleset, {...(tables ? {tables} : {}), date: ctimeDate(date)});
	}
	const chain = listing.chain !== undefined ? {chain: listing.chain} : {};
	try {
		if (format === 'spec') return renderSpec(ruleset, {table: table ?? 'nat', ...chain, verbose: listing.verbose === true});
		return renderList(ruleset, {table: table ?? 'nat', numeric, ...chain, verbose: listing.verbose === true, exact: listing.exact === true, lineNumbers: listing.lineNumbers === true});
	} catch (error) {
		// An unknown chain: iptables' own words, as one line.
		if (error instanceof IptablesListError) throw new UsageError(`rules: ${error.message.trim()}`);
		throw error;
	}
}

/** The listing flags belong to the forms iptables has them in. */
function checkListing(format: RulesFormat, listing: ListingOptions): void {
	const listOnly = format === 'list' ? [] : [listing.exact ? '-x' : '', listing.lineNumbers ? '--line-numbers' : ''].filter((f) => f !== '');
	if (listOnly.length > 0) throw new UsageError(`rules: ${listOnly[0]} goes with --format list (iptables -L ${listOnly[0]})`);
	const listOrSpec = format === 'list' || format === 'spec' ? [] : [listing.verbose ? '-v' : '', listing.chain !== undefined ? '--chain' : ''].filter((f) => f !== '');
	if (listOrSpec.length > 0) throw new UsageError(`rules: ${listOrSpec[0]} goes with --format list or spec (iptables -L or -S)`);
	if (listing.exact && !listing.verbose) throw new UsageError('rules: -x goes with -v (iptables -L -v -x): it prints the counters exactly');
}

/** One table's section of iptables-restore text, from `*table` to its COMMIT. */
function restoreTable(restore: string, table: string): string {
	const lines = restore.split('\n');
	const start = lines.indexOf(`*${table}`);
	if (start < 0) return '';
	const end = lines.indexOf('COMMIT', start);
	return lines.slice(start, end + 1).join('\n') + '\n';
}
