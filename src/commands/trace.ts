// `svc-tutor trace`: where the first packet of a connection goes on one node, rule by rule.
import {parseDestination, TraceRequestError, traceConnection} from '../sim/cluster/trace-connection.js';
import {saveRule} from '../sim/iptables/save.js';
import {formatTrace, type Proto, type TraceResult} from '../sim/netfilter/index.js';
import {UsageError, type CommandIO} from './io.js';
import {loadCluster} from './load-cluster.js';

export interface TraceArgs {
	files: string[];
	node?: string;
	from: string;
	to: string;
	proto: Proto;
	json: boolean;
	serviceClusterIPRange?: string;
}

export function runTrace(args: TraceArgs, io: CommandIO): number {
	try {
		const to = parseDestination(args.to);
		const {cluster} = loadCluster({files: args.files, ...(args.serviceClusterIPRange ? {serviceClusterIPRange: args.serviceClusterIPRange} : {})}, io);
		const {node, source, result} = traceConnection(cluster, {...(args.node ? {node: args.node} : {}), from: args.from, to, proto: args.proto});
		io.stdout(
			args.json
				? JSON.stringify(traceJSON(node.metadata.name, result)) + '\n'
				: `node ${node.metadata.name}, from ${source.description}\n${formatTrace(result, {renderRule: saveRule, collapseUnmatched: 12})}`,
		);
		return 0;
	} catch (error) {
		if (error instanceof TraceRequestError) throw new UsageError(`trace: ${error.message}`);
		throw error;
	}
}

/** The JSON the issue specifies: one object per outcome, probabilities absolute. */
export function traceJSON(node: string, result: TraceResult): object {
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
