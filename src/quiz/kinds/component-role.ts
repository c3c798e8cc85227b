// component-role: which component does what. Each question is about something that happened in
// this cluster, and the explanation quotes the component's own record of it: containerd's CNI ADD
// for a Pod's IP (run for the kubelet's RunPodSandbox over CRI: since v1.24 the kubelet runs no CNI
// plugin itself), kube-proxy's log and rules for a Service, kube-apiserver's allocation of a
// cluster IP, kube-controller-manager's pod CIDR for a node, kube-scheduler's binding.
//
// params:
//   role     pod-ip | cni-caller | rules | service-process | cluster-ip | pod-cidr | schedule;
//            default: seeded among those this cluster has a record of
//   mode     typed (default) | choice
import type {Cluster} from '../../sim/cluster/cluster.js';
import type {Random} from '../../sim/random.js';
import {buildQuestion} from '../build.js';
import {isSystem, proxiedNodes, servicePorts, serviceKey} from '../cluster-facts.js';
import {COMPONENT_NAMES} from '../normalize.js';
import {begin} from '../params.js';
import {QuizError, type Component, type Question, type QuizContext} from '../types.js';

const ROLES = ['pod-ip', 'cni-caller', 'rules', 'service-process', 'cluster-ip', 'pod-cidr', 'schedule'] as const;
type Role = (typeof ROLES)[number];

interface Asked {
	prompt: string[];
	answer: Component;
	identity: string;
	evidence: string[];
	hint: string;
}

export function componentRole(ctx: QuizContext): Question {
	const {params, random, mode} = begin('component-role', ctx, ['role'], 'typed');
	const cluster = ctx.cluster;
	const wanted = params.oneOf('role', ROLES);
	const available = ROLES.filter((r) => ask(cluster, r, random.fork(r)) !== undefined);
	const role = wanted ?? (available.length > 0 ? random.pick(available) : undefined);
	const asked = role === undefined ? undefined : ask(cluster, role, random.fork(role));
	if (role === undefined || asked === undefined) throw new QuizError(`component-role: this cluster has no record to ask "${wanted ?? 'any role'}" about`);
	const right = COMPONENT_NAMES[asked.answer];
	const others = random.shuffle((Object.keys(COMPONENT_NAMES) as Component[]).filter((c) => c !== asked.answer));
	return buildQuestion({
		kind: 'component-role',
		seed: ctx.seed,
		mode,
		identity: `${role}:${asked.identity}`,
		prompt: asked.prompt,
		answerFormat: 'a component (kube-proxy, kubelet, containerd, CNI, …) or none',
		hint: asked.hint,
		reader: {type: 'component', value: asked.answer},
		expected: right,
		explanation: asked.evidence,
		right,
		wrong: others.map((c) => ({answer: COMPONENT_NAMES[c], note: note(role, c)})),
		random,
	});
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rules of a restore text whose comment names the Service port (or, with anyPort, any port of the Service). */
function rulesNaming(restore: string, name: string, anyPort: boolean): number {
	const pattern = new RegExp(`--comment "?${escape(name)}${anyPort ? '(?::[^\\s"]+)?' : ''}(?=[\\s"]|$)`);
	return restore.split('\n').filter((l) => l.startsWith('-A ') && pattern.test(l)).length;
}

function events(cluster: Cluster, source: (s: string) => boolean, pattern: RegExp): {source: string; message: string; match: RegExpExecArray}[] {
	return cluster.events.flatMap((e) => {
		const match = source(e.source) ? pattern.exec(e.message) : null;
		return match ? [{source: e.source, message: e.message, match}] : [];
	});
}

/** containerd's CNI ADD for a Pod that still has the IP it gave. */
function cniAdd(cluster: Cluster, random: Random): ReturnType<typeof events>[number] | undefined {
	const found = events(cluster, (s) => s.startsWith('containerd/'), /^CNI ADD for Pod (\S+?):.* gave it (\S+?)\/\d+$/).filter(
		(e) => cluster.pods().some((p) => `${p.metadata.namespace}/${p.metadata.name}` === e.match[1] && p.status.podIP === e.match[2]),
	);
	return found.length === 0 ? undefined : random.pick(found);
}

function ask(cluster: Cluster, role: Role, random: Random): Asked | undefined {
	switch (role) {
		case 'pod-ip': {
			const e = cniAdd(cluster, random);
			if (e === undefined) return undefined;
			return {
				prompt: [`Pod ${e.match[1]} got the IP ${e.match[2]}.`, 'Which component picked that address?'],
				answer: 'cni',
				identity: e.match[1]!,
				hint: 'The kubelet starts the Pod, but it hands the networking to someone else.',
				evidence: [`containerd ran the CNI plugin, whose IPAM picked it:`, ` ${e.source}: ${e.message}`],
			};
		}
		case 'cni-caller': {
			const e = cniAdd(cluster, random);
			if (e === undefined) return undefined;
			const node = e.source.slice('containerd/'.length);
			const sandbox = events(cluster, (s) => s === `kubelet/${node}`, new RegExp(`^RunPodSandbox for Pod ${escape(e.match[1]!)}:`))[0];
			return {
				prompt: [`Pod ${e.match[1]} starts on ${node}.`, 'Which component runs the CNI plugin', 'that sets up its network?'],
				answer: 'container-runtime',
				identity: e.match[1]!,
				hint: 'Since v1.24 the kubelet asks another node component, over CRI, to make the Pod sandbox.',
				evidence: [
					...(sandbox ? [` ${sandbox.source}: ${sandbox.message}`] : []),
					` ${e.source}: ${e.message}`,
					'The kubelet calls RunPodSandbox over CRI; containerd (or CRI-O) runs CNI.',
				],
			};
		}
		case 'rules': {
			const nodes = proxiedNodes(cluster).map((n) => n.metadata.name);
			if (nodes.length === 0) return undefined;
			const node = random.pick(nodes);
			const proxy = cluster.kubeProxy(node)!;
			const all = servicePorts(cluster);
			if (all.length === 0) return undefined;
			const apps = all.filter((f) => !isSystem(f));
			const fact = random.pick(apps.length > 0 ? apps : all);
			const logged = proxy.logLines().find((l) => l.includes(`portName="${fact.info.nameString}"`));
			const restore = proxy.sync().restore;
			const count = rulesNaming(restore, fact.info.nameString, false);
			const name = `${fact.info.namespace}/${fact.info.name}`;
			return {
				prompt: [`On ${node}, which component wrote the iptables rules that send ${fact.info.clusterIP}:${fact.info.port} to ${name}'s Pods?`],
				answer: 'kube-proxy',
				identity: `${fact.info.nameString}@${node}`,
				hint: 'It runs on every node and watches Services through the API server.',
				evidence: [
					`kube-proxy on ${node} logged:`,
					...(logged ? [` ${logged.replace(/^.*?\] /, '')}`] : []),
					`and wrote ${count} rules whose comment starts with ${fact.info.nameString}.`,
				],
			};
		}
		case 'service-process': {
			const services = cluster.services().filter((s) => s.spec.clusterIP && s.spec.clusterIP !== 'None');
			const apps = services.filter((s) => s.metadata.namespace !== 'kube-system' && s.metadata.name !== 'kubernetes');
			if (services.length === 0) return undefined;
			const service = random.pick(apps.length > 0 ? apps : services);
			const key = serviceKey(service);
			const created = events(cluster, (s) => s === 'kube-apiserver', new RegExp(`^Service ${escape(key)} created`));
			const perNode = proxiedNodes(cluster).map((n) => {
				const restore = cluster.kubeProxy(n.metadata.name)!.sync().restore;
				return ` ${n.metadata.name}: ${rulesNaming(restore, key, true)} rules`;
			});
			return {
				prompt: [`You create the Service ${key}.`, 'Which process starts to serve it?'],
				answer: 'none',
				identity: key,
				hint: 'Look for a Pod or a container that belongs to the Service itself.',
				evidence: [
					...(created[0] ? [`kube-apiserver: ${created[0].message}`] : []),
					`No Pod or container was started for ${key}. Each kube-proxy wrote rules:`,
					...perNode.slice(0, 4),
				],
			};
		}
		case 'cluster-ip': {
			const found = events(cluster, (s) => s === 'kube-apiserver', /^Service (\S+) created with clusterIP (\S+) from (\S+)$/);
			if (found.length === 0) return undefined;
			const apps = found.filter((e) => !e.match[1]!.startsWith('kube-system/') && e.match[1] !== 'default/kubernetes');
			const e = random.pick(apps.length > 0 ? apps : found);
			return {
				prompt: [`Service ${e.match[1]} got the cluster IP ${e.match[2]} from ${e.match[3]}.`, 'Which component hands out cluster IPs from --service-cluster-ip-range?'],
				answer: 'kube-apiserver',
				identity: e.match[1]!,
				hint: 'The range is a flag of the component that stores every Service.',
				evidence: [`kube-apiserver: ${e.message}`, `The flag --service-cluster-ip-range is kube-apiserver's.`],
			};
		}
		case 'pod-cidr': {
			const found = events(cluster, (s) => s === 'kube-controller-manager', /^node (\S+) gets pod CIDR (\S+) from (\S+)$/);
			if (found.length === 0) return undefined;
			const e = random.pick(found);
			return {
				prompt: [`Node ${e.match[1]} has the pod CIDR ${e.match[2]}.`, 'Which component gave it that range?'],
				answer: 'kube-controller-manager',
				identity: e.match[1]!,
				hint: 'It runs on the control plane with --allocate-node-cidrs and --cluster-cidr.',
				evidence: [`kube-controller-manager: ${e.message}`, 'Its node IPAM controller hands each node a piece of --cluster-cidr.'],
			};
		}
		case 'schedule': {
			const found = events(cluster, (s) => s === 'kube-scheduler', /^Successfully assigned (\S+) to (\S+)$/);
			if (found.length === 0) return undefined;
			const e = random.pick(found);
			return {
				prompt: [`Pod ${e.match[1]} runs on ${e.match[2]}.`, 'Which component chose that node?'],
				answer: 'kube-scheduler',
				identity: e.match[1]!,
				hint: 'A Pod without a nodeName waits for one component to bind it.',
				evidence: [`kube-scheduler: ${e.message}`],
			};
		}
	}
}

const NOTES: Partial<Record<Role, Partial<Record<Component, string>>>> = {
	'pod-ip': {
		kubelet: 'The kubelet only asks containerd over CRI (RunPodSandbox); containerd runs the CNI plugin, whose IPAM (host-local) picks the address.',
		'container-runtime': 'containerd runs the CNI plugin; the address comes from the plugin\'s IPAM (host-local).',
		'kube-apiserver': 'kube-apiserver only stores the Pod; the address is picked on the node, by CNI.',
		'kube-controller-manager': 'kube-controller-manager gives the node its pod CIDR; the Pod\'s address comes from CNI, inside it.',
		'kube-proxy': 'kube-proxy writes Service rules; it never touches Pod addresses.',
	},
	'cni-caller': {
		kubelet: 'Not since v1.24: the kubelet asks the container runtime over CRI (RunPodSandbox), and the runtime runs CNI.',
		cni: 'CNI is the plugin being run; the question is which component runs it.',
		'kube-proxy': 'kube-proxy writes Service rules; it has no part in a Pod\'s network setup.',
		'kube-apiserver': 'kube-apiserver only stores the Pod; its network is set up on the node.',
		none: 'Something on the node does run the plugin: the container runtime, asked by the kubelet.',
	},
	rules: {
		kubelet: 'The kubelet runs Pods; kube-proxy, on every node, writes the Service rules.',
		'kube-apiserver': 'kube-apiserver stores the Service; each node\'s kube-proxy watches it and writes the rules.',
		cni: 'CNI wires up each Pod\'s network; Service rules come from kube-proxy.',
		'kube-controller-manager': 'It keeps the EndpointSlices up to date; kube-proxy turns them into rules.',
		none: 'Nothing runs for the Service, but the rules are written by kube-proxy on every node.',
	},
	'service-process': {
		'kube-proxy': 'kube-proxy was already running on every node; it only writes rules. Nothing new starts.',
		kubelet: 'The kubelet starts Pods; a Service has no Pod of its own.',
		cni: 'CNI runs only when a Pod sandbox starts (ADD) or stops (DEL); a Service has no Pod of its own.',
		'container-runtime': 'containerd runs Pod sandboxes and containers; a Service has none.',
		'kube-apiserver': 'kube-apiserver stores the Service; it does not serve its traffic.',
	},
	'cluster-ip': {
		'kube-proxy': 'kube-proxy reads the cluster IP to write rules; it does not choose it.',
		'kube-controller-manager': 'kube-controller-manager hands out pod CIDRs to nodes, not Service IPs.',
		cni: 'CNI gives Pods their IPs; Service IPs are not Pod IPs.',
	},
	'pod-cidr': {
		'kube-apiserver': 'kube-apiserver stores the node; kube-controller-manager (--allocate-node-cidrs) picks its CIDR.',
		cni: 'CNI takes Pod IPs from the node\'s pod CIDR; it does not choose the CIDR.',
		kubelet: 'The kubelet reads its node\'s pod CIDR; it does not choose it.',
	},
	schedule: {
		kubelet: 'The kubelet runs the Pod once it is bound to its node.',
		'kube-apiserver': 'kube-apiserver stores the binding that kube-scheduler decides.',
	},
};

function note(role: Role, component: Component): string {
	return NOTES[role]?.[component] ?? `Not ${COMPONENT_NAMES[component]}: see what the cluster recorded below.`;
}
