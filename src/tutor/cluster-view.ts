// The cluster pane's data: nodes with their Pods, Services with their endpoints, and the latest
// kube-proxy log lines, computed from the live cluster each time it is drawn.
import type {Pod} from '../sim/api/types.js';
import type {Cluster} from '../sim/cluster/cluster.js';

/** The notes draw Pods as 🟠 and 🔵; an app named after a colour (lesson 1's orange and blue) is drawn in it. */
export const COLOUR_WORDS: Readonly<Record<string, string>> = {orange: '🟠', blue: '🔵', green: '🟢', purple: '🟣', yellow: '🟡', red: '🔴'};

/** The Pod colours, in the order apps not named after one get them. */
export const POD_COLOURS = Object.values(COLOUR_WORDS);

/**
 * How Pods are coloured, so that colours stay put while a lesson adds Pods: the apps in the order
 * the learner first saw them, and colours kept free for apps named after them that come later.
 * (Colouring by the order Pods are listed would repaint the others when a Pod with an earlier name
 * arrives.)
 */
export interface PodColouring {
	apps: readonly string[];
	reserved?: ReadonlySet<string>;
}

/** The app a Pod belongs to, as the cluster pane groups them. */
export function podApp(pod: Pod): string {
	return pod.metadata.labels?.app ?? pod.metadata.labels?.['k8s-app'] ?? pod.metadata.name;
}

/** `known`, then the apps of the cluster's Pods not in it yet, in the order Pods are listed. */
export function appsInOrder(cluster: Cluster, known: readonly string[]): string[] {
	const apps = [...known];
	for (const pod of cluster.pods()) {
		const app = podApp(pod);
		if (!apps.includes(app)) apps.push(app);
	}
	return apps;
}

/** Each app's colour: its own if named after one, else the next colour no app and no reservation holds. */
export function podColours(colouring: PodColouring): Map<string, string> {
	const {apps, reserved = new Set<string>()} = colouring;
	const spare = POD_COLOURS.filter((c) => !reserved.has(c) && !apps.some((app) => COLOUR_WORDS[app] === c));
	const colours = new Map<string, string>();
	let next = 0;
	for (const app of apps) colours.set(app, COLOUR_WORDS[app] ?? spare[next++ % spare.length] ?? POD_COLOURS[0]!);
	return colours;
}

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

export function clusterView(cluster: Cluster, options: {logNode?: string; includeSystem?: boolean; colouring?: PodColouring} = {}): ClusterView {
	// Apps the colouring does not know yet (or all, without one) come after it, in listing order.
	const colours = podColours({...options.colouring, apps: appsInOrder(cluster, options.colouring?.apps ?? [])});
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
				const app = podApp(p);
				return {
					namespace: p.metadata.namespace ?? 'default',
					name: p.metadata.name,
					ip: p.status.podIP ?? '',
					app,
					colour: colours.get(app)!,
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
