// `svc-tutor trace`: where the first packet of a connection goes on one node, rule by rule.
import type {Cluster} from '../sim/cluster/cluster.js';
import {TraceError} from '../sim/netfilter/types.js';
import {parseDestination, TraceRequestError, traceConnectionInMode} from '../sim/cluster/trace-connection.js';
import type {ProxyMode} from '../sim/kube-proxy/kube-proxy.js';
import {formatNftTrace} from '../sim/nftables-trace/index.js';
import {saveRule} from '../sim/iptables/save.js';
import {tryParseIP} from '../sim/net/ip.js';
import {formatTrace, type Entry, type Outcome, type Proto} from '../sim/netfilter/index.js';
import {UsageError, type CommandIO} from './io.js';
import {chooseNode, loadCluster, printWarnings} from './load-cluster.js';
import {quote} from './quote.js';

export interface TraceArgs {
	files: string[];
	node?: string;
	from: string;
	to: string;
	proto: Proto;
	json: boolean;
	serviceClusterIPRange?: string;
	nodeIP?: string;
	/** --proxy-mode: trace the data plane of this mode instead of the KubeProxyConfiguration's. */
	proxyMode?: ProxyMode;
}

export async function runTrace(args: TraceArgs, io: CommandIO): Promise<number> {
	const to = destination(args.to);
	const {cluster, warnings, notes} = await loadCluster(
		{
			files: args.files,
			...(args.serviceClusterIPRange !== undefined ? {serviceClusterIPRange: args.serviceClusterIPRange} : {}),
			...(args.node !== undefined ? {node: args.node} : {}),
			...(args.nodeIP !== undefined ? {nodeIP: args.nodeIP} : {}),
		},
		io,
	);
	checkSource(cluster, args.from);
	// --node, when given, is checked here so a wrong one is named in the CLI's quoted words.
	if (args.node !== undefined) chooseNode(cluster, args.node, 'trace');
	try {
		const trace = traceConnectionInMode(cluster, {...(args.node !== undefined ? {node: args.node} : {}), from: args.from, to, proto: args.proto, ...(args.proxyMode !== undefined ? {proxyMode: args.proxyMode} : {})});
		const {node, source} = trace;
		const text = trace.mode === 'nftables' ? formatNftTrace(trace.result) : formatTrace(trace.result, {renderRule: saveRule, collapseUnmatched: 12});
		const output = args.json ? JSON.stringify(traceJSON(node.metadata.name, trace.result)) + '\n' : `node ${node.metadata.name}, from ${source.description}\n${text}`;
		printWarnings(warnings, io, notes);
		io.stdout(output);
		return 0;
	} catch (error) {
		if (error instanceof TraceRequestError) throw new UsageError(`trace: ${error.message}`);
		// A rule the tracer cannot decide (detectLocalMode BridgeInterface or InterfaceNamePrefix
		// matches the packet's interface): said in one line, not as an internal error.
		if (error instanceof TraceError) throw new UsageError(`trace: ${error.message}`);
		throw error;
	}
}

function destination(to: string): {ip: string; port: number} {
	try {
		return parseDestination(to);
	} catch (error) {
		if (error instanceof TraceRequestError) throw new UsageError(`trace: --to must be IP:PORT (e.g. 10.96.0.10:53), not ${quote(to)}`);
		throw error;
	}
}

/** --from names an address, `external`, or a Pod (NAME or NAMESPACE/NAME) of the cluster; anything else is refused quoted. */
function checkSource(cluster: Cluster, from: string): void {
	if (from === 'external' || tryParseIP(from).ok) return;
	const [namespace, name] = from.includes('/') ? from.split('/', 2) : [undefined, from];
	if (cluster.pods().some((p) => p.metadata.name === name && (namespace === undefined || p.metadata.namespace === namespace))) return;
	throw new UsageError(`trace: --from ${quote(from)} is neither an IP address nor a Pod of the cluster`);
}

/** The JSON the issue specifies: one object per outcome, probabilities absolute. */
export function traceJSON(node: string, result: {entry: Entry; outcomes: Pick<Outcome, 'verdict' | 'to' | 'probability' | 'masquerade' | 'path'>[]}): object {
	return {
		node,
		entry: result.entry,
		outcomes: result.outcomes.map((o) => ({
			verdict: o.verdict,
			...(o.to !== undefined ? {to: o.to} : {}),
			probability: o.probability,
			masquerade: o.masquerade,
			path: o.path,
		})),
	};
}
