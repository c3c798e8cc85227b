// The cluster pane's data: nodes with their Pods, Services with their endpoints, and the latest
// kube-proxy log lines, computed from the live cluster each time it is drawn.
import type {Cluster} from '../sim/cluster/cluster.js';

/** The notes draw Pods as 🟠 and 🔵: one colour per app, in the order apps first appear. */
export const POD_COLOURS = ['🟠', '🔵', '🟢', '🟣', '🟡', '🔴'] as const;

export interface PodView {
	namespace: string;
	name: string;
	ip: string;
	app: string;
	colour: string;
	ready: boolean;
}

export interface NodeView {
	name: string;
	internalIP: string;
	podCIDR: string;
	controlPlane: boolean;
	pods: PodView[];
}

export interface ServiceView {
	namespace: string;
	name: string;
	type: string;
	clusterIP: string;
	ports: {name?: string; port: number; protocol: string; nodePort?: number; targetPort: string}[];
	endpoints: string[];
}

export interface ClusterView {
	nodes: NodeView[];
	services: ServiceView[];
	/** kube-proxy's log on `logNode`, oldest first. */
	log: string[];
	logNode: string;
}

export function clusterView(cluster: Cluster, options: {logNode?: string; includeSystem?: boolean} = {}): ClusterView {
	const apps: string[] = [];
	const colourOf = (app: string): string => {
		if (!apps.includes(app)) apps.push(app);
		return POD_COLOURS[apps.indexOf(app) % POD_COLOURS.length]!;
	};
	const visible = (ns: string | undefined): boolean => options.includeSystem === true || ns !== 'kube-system';
	const pods = cluster.pods().filter((p) => visible(p.metadata.namespace));
	const nodes: NodeView[] = cluster.nodes().map((node) => ({
		name: node.metadata.name,
		internalIP: node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '',
		podCIDR: node.spec.podCIDR ?? '',
		controlPlane: node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined,
		pods: pods
			.filter((p) => p.spec.nodeName === node.metadata.name)
			.map((p) => {
				const app = p.metadata.labels?.app ?? p.metadata.labels?.['k8s-app'] ?? p.metadata.name;
				return {
					namespace: p.metadata.namespace ?? 'default',
					name: p.metadata.name,
					ip: p.status.podIP ?? '',
					app,
					colour: colourOf(app),
					ready: p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
				};
			}),
	}));
	const slices = cluster.endpointSliceList();
	const services: ServiceView[] = cluster
		.services()
		.filter((s) => visible(s.metadata.namespace))
		.map((s) => {
			const ns = s.metadata.namespace ?? 'default';
			const endpoints = slices
				.filter((e) => e.metadata.namespace === ns && e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name)
				.flatMap((e) => e.endpoints.filter((ep) => ep.conditions.ready !== false).flatMap((ep) => ep.addresses.flatMap((a) => e.ports.map((p) => `${a}:${p.port}`))));
			return {
				namespace: ns,
				name: s.metadata.name,
				type: s.spec.type ?? 'ClusterIP',
				clusterIP: s.spec.clusterIP ?? '',
				ports: s.spec.ports.map((p) => ({
					...(p.name ? {name: p.name} : {}),
					port: p.port,
					protocol: p.protocol ?? 'TCP',
					...(p.nodePort ? {nodePort: p.nodePort} : {}),
					targetPort: String(p.targetPort ?? p.port),
				})),
				endpoints: [...new Set(endpoints)].sort(),
			};
		});
	const logNode = options.logNode ?? nodes.find((n) => !n.controlPlane)?.name ?? nodes[0]?.name ?? '';
	return {nodes, services, log: cluster.kubeProxy(logNode)?.logLines() ?? [], logNode};
}
