// The server-side table printers of kube-apiserver (pkg/printers/internalversion/printers.go) for
// the kinds the simulation serves: the column names (upper-cased by kubectl) and each row's
// cells, `-o wide` adding the priority-1 columns.
import type {ApiObject} from './api.js';
import {ageSince} from './duration.js';
import {at, formatLabels, formatLabelSelector, isObject, list, num, record, str} from './json.js';

export interface TablePrinter {
	columns: string[];
	/** The extra columns `-o wide` appends. */
	wideColumns: string[];
	row(object: ApiObject, now: Date, wide: boolean): string[];
}

const age = (o: ApiObject, now: Date): string => ageSince(str(o, 'metadata', 'creationTimestamp'), now);
const name = (o: ApiObject): string => str(o, 'metadata', 'name') ?? '';
const count = (n: number | undefined): string => String(n ?? 0);

function containerCells(podSpec: unknown): [string, string] {
	const containers = list(podSpec, 'containers');
	return [containers.map((c) => str(c, 'name') ?? '').join(','), containers.map((c) => str(c, 'image') ?? '').join(',')];
}

const pod: TablePrinter = {
	columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
	wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
	row(o, now, wide) {
		const status = podStatus(o, now);
		const cells = [name(o), status.ready, status.reason, status.restarts, age(o, now)];
		if (wide) {
			const ip = str(o, 'status', 'podIPs', 0, 'ip') || '<none>';
			const node = str(o, 'spec', 'nodeName') || '<none>';
			const nominated = str(o, 'status', 'nominatedNodeName') || '<none>';
			cells.push(ip, node, nominated, '<none>');
		}
		return cells;
	},
};

/** printPod's READY, STATUS and RESTARTS (regular containers; the simulation runs no init containers). */
export function podStatus(o: ApiObject, now: Date): {ready: string; reason: string; restarts: string} {
	const total = list(o, 'spec', 'containers').length;
	let reason = str(o, 'status', 'reason') ?? str(o, 'status', 'phase') ?? '';
	let ready = 0;
	let restarts = 0;
	let lastRestart = 0;
	const statuses = list(o, 'status', 'containerStatuses');
	let hasRunning = false;
	if (statuses.length > 0) {
		for (let i = statuses.length - 1; i >= 0; i--) {
			const c = statuses[i];
			restarts += num(c, 'restartCount') ?? 0;
			const finished = str(c, 'lastState', 'terminated', 'finishedAt');
			if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
			const waiting = str(c, 'state', 'waiting', 'reason');
			const terminated = at(c, 'state', 'terminated');
			if (waiting) reason = waiting;
			else if (isObject(terminated) && str(terminated, 'reason')) reason = str(terminated, 'reason')!;
			else if (isObject(terminated)) reason = (num(terminated, 'signal') ?? 0) !== 0 ? `Signal:${num(terminated, 'signal')}` : `ExitCode:${num(terminated, 'exitCode') ?? 0}`;
			else if (at(c, 'ready') === true && isObject(at(c, 'state', 'running'))) {
				hasRunning = true;
				ready++;
			}
		}
		if (reason === 'Completed' && hasRunning) reason = podReady(o) ? 'Running' : 'NotReady';
	} else if (str(o, 'status', 'phase') === 'Running' && podReady(o)) {
		// The engine's Pods carry the Ready condition but no container statuses: all containers run.
		ready = total;
	}
	if (str(o, 'metadata', 'deletionTimestamp') && !['Succeeded', 'Failed'].includes(str(o, 'status', 'phase') ?? '')) reason = 'Terminating';
	const restartText = restarts !== 0 && lastRestart > 0 ? `${restarts} (${ageSince(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
	return {ready: `${ready}/${total}`, reason, restarts: restartText};
}

function podReady(o: ApiObject): boolean {
	return list(o, 'status', 'conditions').some((c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True');
}

const service: TablePrinter = {
	columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
	wideColumns: ['SELECTOR'],
	row(o, now, wide) {
		const clusterIP = str(o, 'spec', 'clusterIPs', 0) ?? '<none>';
		const ports = list(o, 'spec', 'ports')
			.map((p) => {
				const nodePort = num(p, 'nodePort') ?? 0;
				return nodePort > 0 ? `${num(p, 'port')}:${nodePort}/${str(p, 'protocol')}` : `${num(p, 'port')}/${str(p, 'protocol')}`;
			})
			.join(',');
		const cells = [name(o), str(o, 'spec', 'type') ?? '', clusterIP, serviceExternalIP(o, wide), ports || '<none>', age(o, now)];
		if (wide) cells.push(formatLabels(record(o, 'spec', 'selector')));
		return cells;
	},
};

export function serviceExternalIP(o: ApiObject, wide: boolean): string {
	const externalIPs = list(o, 'spec', 'externalIPs').map(String);
	switch (str(o, 'spec', 'type')) {
		case 'ClusterIP':
		case 'NodePort':
			return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
		case 'LoadBalancer': {
			const ingress = [...new Set(list(o, 'status', 'loadBalancer', 'ingress').map((i) => str(i, 'ip') || str(i, 'hostname') || '').filter((s) => s !== ''))].sort();
			let lb = ingress.join(',');
			if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
			if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
			return lb || '<pending>';
		}
		case 'ExternalName':
			return str(o, 'spec', 'externalName') ?? '';
	}
	return '<unknown>';
}

const endpoints: TablePrinter = {
	columns: ['NAME', 'ENDPOINTS', 'AGE'],
	wideColumns: [],
	row: (o, now) => [name(o), formatEndpoints(o), age(o, now)],
};

/** formatEndpoints: up to three `ip:port`, port by port, then ` + N more...`. */
export function formatEndpoints(o: ApiObject): string {
	const subsets = list(o, 'subsets');
	if (subsets.length === 0) return '<none>';
	const shown: string[] = [];
	const max = 3;
	let more = false;
	let total = 0;
	for (const subset of subsets) {
		const addresses = list(subset, 'addresses');
		const ports = list(subset, 'ports');
		if (ports.length === 0) {
			total += addresses.length;
			for (const a of addresses) {
				if (shown.length === max) {
					more = true;
					break;
				}
				shown.push(str(a, 'ip') ?? '');
			}
			continue;
		}
		for (const port of ports) {
			total += addresses.length;
			for (const a of addresses) {
				if (shown.length === max) {
					more = true;
					break;
				}
				const ip = str(a, 'ip') ?? '';
				shown.push(`${ip.includes(':') ? `[${ip}]` : ip}:${num(port, 'port')}`);
			}
		}
	}
	const text = shown.join(',');
	return more ? `${text} + ${total - max} more...` : text;
}

function listWithMore(items: string[], max = 3): string {
	const text = items.slice(0, max).join(',');
	if (items.length > max) return `${text} + ${items.length - max} more...`;
	return text === '' ? '<unset>' : text;
}

const endpointSlice: TablePrinter = {
	columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
	wideColumns: [],
	row(o, now) {
		const ports = list(o, 'ports').map((p) => (num(p, 'port') !== undefined ? String(num(p, 'port')) : (str(p, 'name') ?? '*')));
		const addresses = list(o, 'endpoints').flatMap((e) => list(e, 'addresses').map(String));
		return [name(o), str(o, 'addressType') ?? '', listWithMore(ports), listWithMore(addresses), age(o, now)];
	},
};

const node: TablePrinter = {
	columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
	wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
	row(o, now, wide) {
		const readyCondition = list(o, 'status', 'conditions').find((c) => str(c, 'type') === 'Ready');
		const status = [readyCondition === undefined ? 'Unknown' : str(readyCondition, 'status') === 'True' ? 'Ready' : 'NotReady'];
		if (at(o, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
		const cells = [name(o), status.join(','), nodeRoles(o).join(',') || '<none>', age(o, now), str(o, 'status', 'nodeInfo', 'kubeletVersion') ?? ''];
		if (wide) {
			const address = (type: string): string => str(list(o, 'status', 'addresses').find((a) => str(a, 'type') === type), 'address') ?? '<none>';
			const info = (key: string): string => str(o, 'status', 'nodeInfo', key) || '<unknown>';
			cells.push(address('InternalIP'), address('ExternalIP'), info('osImage'), info('kernelVersion'), info('containerRuntimeVersion'));
		}
		return cells;
	},
};

export function nodeRoles(o: ApiObject): string[] {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(record(o, 'metadata', 'labels'))) {
		if (key.startsWith('node-role.kubernetes.io/')) {
			const role = key.slice('node-role.kubernetes.io/'.length);
			if (role) roles.add(role);
		} else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
	}
	return [...roles].sort();
}

const deployment: TablePrinter = {
	columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
	wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(o, now, wide) {
		const cells = [name(o), `${num(o, 'status', 'readyReplicas') ?? 0}/${num(o, 'spec', 'replicas') ?? 0}`, count(num(o, 'status', 'updatedReplicas')), count(num(o, 'status', 'availableReplicas')), age(o, now)];
		if (wide) cells.push(...containerCells(at(o, 'spec', 'template', 'spec')), formatLabelSelector(at(o, 'spec', 'selector')).replace('<none>', ''));
		return cells;
	},
};

const replicaSet: TablePrinter = {
	columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
	wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(o, now, wide) {
		const cells = [name(o), count(num(o, 'spec', 'replicas')), count(num(o, 'status', 'replicas')), count(num(o, 'status', 'readyReplicas')), age(o, now)];
		if (wide) cells.push(...containerCells(at(o, 'spec', 'template', 'spec')), formatLabelSelector(at(o, 'spec', 'selector')));
		return cells;
	},
};

const daemonSet: TablePrinter = {
	columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
	wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
	row(o, now, wide) {
		const s = (key: string): string => count(num(o, 'status', key));
		const cells = [name(o), s('desiredNumberScheduled'), s('currentNumberScheduled'), s('numberReady'), s('updatedNumberScheduled'), s('numberAvailable'), formatLabels(record(o, 'spec', 'template', 'spec', 'nodeSelector')), age(o, now)];
		if (wide) cells.push(...containerCells(at(o, 'spec', 'template', 'spec')), formatLabelSelector(at(o, 'spec', 'selector')));
		return cells;
	},
};

const configMap: TablePrinter = {
	columns: ['NAME', 'DATA', 'AGE'],
	wideColumns: [],
	row: (o, now) => [name(o), String(Object.keys(record(o, 'data')).length + Object.keys(record(o, 'binaryData')).length), age(o, now)],
};

const namespace: TablePrinter = {
	columns: ['NAME', 'STATUS', 'AGE'],
	wideColumns: [],
	row: (o, now) => [name(o), str(o, 'status', 'phase') ?? '', age(o, now)],
};

const serviceCIDR: TablePrinter = {
	columns: ['NAME', 'CIDRS', 'AGE'],
	wideColumns: [],
	row: (o, now) => [name(o), list(o, 'spec', 'cidrs').map(String).join(','), age(o, now)],
};

/** printEvent: the wide table moves MESSAGE after SUBOBJECT and SOURCE and adds FIRST SEEN, COUNT, NAME. */
const event: TablePrinter = {
	columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
	wideColumns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
	row(o, now, wide) {
		const first = ageSince(str(o, 'firstTimestamp') ?? str(o, 'eventTime'), now);
		const last = str(o, 'lastTimestamp') ? ageSince(str(o, 'lastTimestamp'), now) : first;
		const involved = at(o, 'involvedObject');
		const kind = (str(involved, 'kind') ?? '').toLowerCase();
		const target = str(involved, 'name') ? `${kind}/${str(involved, 'name')}` : kind;
		const message = (str(o, 'message') ?? '').trim();
		if (!wide) return [last, str(o, 'type') ?? '', str(o, 'reason') ?? '', target, message];
		const component = str(o, 'source', 'component') || str(o, 'reportingComponent') || '';
		const host = str(o, 'source', 'host') || str(o, 'reportingInstance') || '';
		const source = host ? `${component}, ${host}` : component;
		return [last, str(o, 'type') ?? '', str(o, 'reason') ?? '', target, str(involved, 'fieldPath') ?? '', source, message, first, String(num(o, 'count') || 1), name(o)];
	},
};

export const PRINTERS: Readonly<Record<string, TablePrinter>> = {
	Pod: pod,
	Service: service,
	Endpoints: endpoints,
	EndpointSlice: endpointSlice,
	Node: node,
	Deployment: deployment,
	ReplicaSet: replicaSet,
	DaemonSet: daemonSet,
	ConfigMap: configMap,
	Namespace: namespace,
	ServiceCIDR: serviceCIDR,
	Event: event,
};

/** The header and cells of one object's row, as the table printer lays it out. */
export function headerFor(printer: TablePrinter, wide: boolean): string[] {
	if (printer === event && wide) return [...event.wideColumns];
	return wide ? [...printer.columns, ...printer.wideColumns] : [...printer.columns];
}
