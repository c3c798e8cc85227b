// describe for Pods, Nodes and the apps/v1 workloads, line for line as describe.go writes them.
import type {Cluster} from '../../sim/cluster/cluster.js';
import {listObjects, type ApiObject} from './api.js';
import {DescribeWriter, writeAnnotations, writeEvents, writeHeader, writeLabels} from './describe-writer.js';
import {ageSince} from './duration.js';
import {at, formatLabels, formatLabelSelector, isObject, list, num, record, str} from './json.js';
import {nodeRoles} from './printers.js';
import {resolveType} from './resources.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 12 Jan 2026 09:30:00 +0000`. */
export function rfc1123z(timestamp: string | undefined): string {
	const d = new Date(timestamp ?? 0);
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function controllerOf(o: ApiObject): string {
	const owner = list(o, 'metadata', 'ownerReferences').find((r) => at(r, 'controller') === true);
	return owner ? `${str(owner, 'kind')}/${str(owner, 'name')}` : '';
}

function portsText(ports: unknown[], field: 'containerPort' | 'hostPort'): string {
	return ports
		.map((p) => {
			const text = `${num(p, field) ?? 0}/${str(p, 'protocol') ?? 'TCP'}`;
			return str(p, 'name') ? `${text} (${str(p, 'name')})` : text;
		})
		.join(', ');
}

function writeContainerState(w: DescribeWriter, title: string, state: unknown): void {
	if (isObject(at(state, 'running'))) {
		w.write(2, `${title}:\tRunning\n`);
		w.write(3, `Started:\t${rfc1123z(str(state, 'running', 'startedAt'))}\n`);
	} else if (isObject(at(state, 'terminated'))) {
		w.write(2, `${title}:\tTerminated\n`);
		const t = at(state, 'terminated');
		if (str(t, 'reason')) w.write(3, `Reason:\t${str(t, 'reason')}\n`);
		if (str(t, 'message')) w.write(3, `Message:\t${str(t, 'message')}\n`);
		w.write(3, `Exit Code:\t${num(t, 'exitCode') ?? 0}\n`);
		if ((num(t, 'signal') ?? 0) > 0) w.write(3, `Signal:\t${num(t, 'signal')}\n`);
		w.write(3, `Started:\t${rfc1123z(str(t, 'startedAt'))}\n`);
		w.write(3, `Finished:\t${rfc1123z(str(t, 'finishedAt'))}\n`);
	} else {
		w.write(2, `${title}:\tWaiting\n`);
		if (str(state, 'waiting', 'reason')) w.write(3, `Reason:\t${str(state, 'waiting', 'reason')}\n`);
	}
}

/** describeContainers: one block per container, with its status when the kubelet reported one. */
export function writeContainers(w: DescribeWriter, label: string, podSpec: unknown, statuses: unknown[], space = ''): void {
	const containers = list(podSpec, 'containers');
	w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
	for (const c of containers) {
		const status = statuses.find((s) => str(s, 'name') === str(c, 'name'));
		w.write(1, `${space ? ' ' : ''}${str(c, 'name')}:\n`);
		if (status) w.write(2, `Container ID:\t${str(status, 'containerID') ?? ''}\n`);
		w.write(2, `Image:\t${str(c, 'image') ?? ''}\n`);
		if (status) w.write(2, `Image ID:\t${str(status, 'imageID') ?? ''}\n`);
		const ports = list(c, 'ports');
		const portString = portsText(ports, 'containerPort');
		w.write(2, portString.includes(',') ? `Ports:\t${portString}\n` : `Port:\t${portString || '<none>'}\n`);
		const hostPorts = portsText(ports, 'hostPort');
		w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
		const command = list(c, 'command').map(String);
		if (command.length > 0) {
			w.write(2, 'Command:\n');
			for (const part of command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
		}
		const args = list(c, 'args').map(String);
		if (args.length > 0) {
			w.write(2, 'Args:\n');
			for (const part of args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
		}
		if (status) {
			writeContainerState(w, 'State', at(status, 'state'));
			if (isObject(at(status, 'lastState', 'terminated'))) writeContainerState(w, 'Last State', at(status, 'lastState'));
			w.write(2, `Ready:\t${at(status, 'ready') === true ? 'True' : 'False'}\n`);
			w.write(2, `Restart Count:\t${num(status, 'restartCount') ?? 0}\n`);
		}
		const env = list(c, 'env');
		w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
		for (const e of env) {
			const fieldPath = str(e, 'valueFrom', 'fieldRef', 'fieldPath');
			if (fieldPath !== undefined) w.write(3, `${str(e, 'name')}:\t (${str(e, 'valueFrom', 'fieldRef', 'apiVersion') ?? ''}:${fieldPath})\n`);
			else (str(e, 'value') ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${str(e, 'name')}:\t${s}\n` : `\t${s}\n`));
		}
		const mounts = list(c, 'volumeMounts');
		w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
		for (const m of [...mounts].sort((a, b) => ((str(a, 'mountPath') ?? '') < (str(b, 'mountPath') ?? '') ? -1 : 1))) {
			w.write(3, `${str(m, 'mountPath')} from ${str(m, 'name')} (${at(m, 'readOnly') === true ? 'ro' : 'rw'})\n`);
		}
	}
}

export function writeVolumes(w: DescribeWriter, podSpec: unknown, space = ''): void {
	const volumes = list(podSpec, 'volumes');
	if (volumes.length === 0) {
		w.write(0, `${space}Volumes:\t<none>\n`);
		return;
	}
	w.write(0, `${space}Volumes:\n`);
	for (const v of volumes) {
		w.write(1, `${space ? ' ' : ''}${str(v, 'name')}:\n`);
		if (isObject(at(v, 'hostPath'))) {
			w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(v, 'hostPath', 'path')}\n    HostPathType:\t${str(v, 'hostPath', 'type') ?? '<none>'}\n`);
		} else if (isObject(at(v, 'configMap'))) {
			w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(v, 'configMap', 'name')}\n    Optional:\t${at(v, 'configMap', 'optional') === true}\n`);
		}
	}
}

export function writeTolerations(w: DescribeWriter, tolerations: unknown[], initialIndent = ''): void {
	w.write(0, `${initialIndent}Tolerations:\t`);
	if (tolerations.length === 0) {
		w.write(0, '<none>\n');
		return;
	}
	const sorted = [...tolerations].sort((a, b) => ((str(a, 'key') ?? '') < (str(b, 'key') ?? '') ? -1 : (str(a, 'key') ?? '') > (str(b, 'key') ?? '') ? 1 : 0));
	sorted.forEach((t, i) => {
		if (i !== 0) w.write(0, `${initialIndent}\t`);
		let text = str(t, 'key') ?? '';
		if (str(t, 'value')) text += `=${str(t, 'value')}`;
		if (str(t, 'effect')) text += `:${str(t, 'effect')}`;
		if (str(t, 'operator') === 'Exists' && !str(t, 'value')) text += str(t, 'key') || str(t, 'effect') ? ' op=Exists' : 'op=Exists';
		if (num(t, 'tolerationSeconds') !== undefined) text += ` for ${num(t, 'tolerationSeconds')}s`;
		w.write(0, `${text}\n`);
	});
}

export function describePod(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	w.write(0, `Namespace:\t${str(o, 'metadata', 'namespace')}\n`);
	if (num(o, 'spec', 'priority') !== undefined) w.write(0, `Priority:\t${num(o, 'spec', 'priority')}\n`);
	if (str(o, 'spec', 'priorityClassName')) w.write(0, `Priority Class Name:\t${str(o, 'spec', 'priorityClassName')}\n`);
	if (str(o, 'spec', 'serviceAccountName')) w.write(0, `Service Account:\t${str(o, 'spec', 'serviceAccountName')}\n`);
	const nodeName = str(o, 'spec', 'nodeName');
	w.write(0, nodeName ? `Node:\t${nodeName}/${str(o, 'status', 'hostIP') ?? ''}\n` : 'Node:\t<none>\n');
	if (str(o, 'status', 'startTime')) w.write(0, `Start Time:\t${rfc1123z(str(o, 'status', 'startTime'))}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
	const phase = str(o, 'status', 'phase') ?? '';
	if (str(o, 'metadata', 'deletionTimestamp') && phase !== 'Failed' && phase !== 'Succeeded') {
		w.write(0, `Status:\tTerminating (lasts ${ageSince(str(o, 'metadata', 'deletionTimestamp'), cluster.clock.now())})\n`);
		w.write(0, `Termination Grace Period:\t${num(o, 'metadata', 'deletionGracePeriodSeconds') ?? 30}s\n`);
	} else w.write(0, `Status:\t${phase}\n`);
	if (str(o, 'status', 'reason')) w.write(0, `Reason:\t${str(o, 'status', 'reason')}\n`);
	if (str(o, 'status', 'message')) w.write(0, `Message:\t${str(o, 'status', 'message')}\n`);
	w.write(0, `IP:\t${str(o, 'status', 'podIP') ?? ''}\n`);
	const podIPs = list(o, 'status', 'podIPs');
	if (podIPs.length === 0) w.write(0, 'IPs:\t<none>\n');
	else {
		w.write(0, 'IPs:\n');
		for (const ip of podIPs) w.write(1, `IP:\t${str(ip, 'ip')}\n`);
	}
	const controlledBy = controllerOf(o);
	if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
	writeContainers(w, 'Containers', at(o, 'spec'), list(o, 'status', 'containerStatuses'));
	const conditions = list(o, 'status', 'conditions');
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\n');
		for (const c of conditions) w.write(1, `${str(c, 'type')} \t${str(c, 'status')} \n`);
	}
	writeVolumes(w, at(o, 'spec'));
	w.write(0, `QoS Class:\t${str(o, 'status', 'qosClass') ?? 'BestEffort'}\n`);
	writeLabels(w, 'Node-Selectors', record(o, 'spec', 'nodeSelector'));
	writeTolerations(w, list(o, 'spec', 'tolerations'));
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

export function describeNode(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	const name = str(o, 'metadata', 'name') ?? '';
	w.write(0, `Name:\t${name}\n`);
	w.write(0, `Roles:\t${nodeRoles(o).join(',') || '<none>'}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
	w.write(0, `CreationTimestamp:\t${rfc1123z(str(o, 'metadata', 'creationTimestamp'))}\n`);
	const taints = list(o, 'spec', 'taints');
	w.write(0, 'Taints:\t');
	if (taints.length === 0) w.write(0, '<none>\n');
	taints.forEach((t, i) => {
		if (i !== 0) w.write(0, '\t');
		w.write(0, `${str(t, 'key')}${str(t, 'value') ? `=${str(t, 'value')}` : ''}:${str(t, 'effect')}\n`);
	});
	w.write(0, `Unschedulable:\t${at(o, 'spec', 'unschedulable') === true}\n`);
	// The kubelet holds its node's Lease in kube-node-lease and renews it every 10 s: the last renewal is "now".
	w.write(0, 'Lease:\n');
	w.write(1, `HolderIdentity:\t${name}\n`);
	w.write(1, 'AcquireTime:\t<unset>\n');
	w.write(1, `RenewTime:\t${rfc1123z(new Date(Math.floor(cluster.clock.now().getTime() / 1000) * 1000).toISOString())}\n`);
	const conditions = list(o, 'status', 'conditions');
	if (conditions.length > 0) {
		w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
		w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
		for (const c of conditions) {
			w.write(1, `${str(c, 'type')} \t${str(c, 'status')} \t${rfc1123z(str(c, 'lastHeartbeatTime'))} \t${rfc1123z(str(c, 'lastTransitionTime'))} \t${str(c, 'reason') ?? ''} \t${str(c, 'message') ?? ''}\n`);
		}
	}
	w.write(0, 'Addresses:\n');
	for (const a of list(o, 'status', 'addresses')) w.write(1, `${str(a, 'type')}:\t${str(a, 'address')}\n`);
	for (const [title, key] of [['Capacity', 'capacity'], ['Allocatable', 'allocatable']] as const) {
		const resources = record(o, 'status', key);
		const names = Object.keys(resources).sort();
		if (names.length === 0) continue;
		w.write(0, `${title}:\n`);
		for (const r of names) w.write(0, `  ${r}:\t${resources[r]}\n`);
	}
	const info = (k: string): string => str(o, 'status', 'nodeInfo', k) ?? '';
	w.write(0, 'System Info:\n');
	w.write(0, `  Machine ID:\t${info('machineID')}\n`);
	w.write(0, `  System UUID:\t${info('systemUUID')}\n`);
	w.write(0, `  Boot ID:\t${info('bootID')}\n`);
	w.write(0, `  Kernel Version:\t${info('kernelVersion')}\n`);
	w.write(0, `  OS Image:\t${info('osImage')}\n`);
	w.write(0, `  Operating System:\t${info('operatingSystem')}\n`);
	w.write(0, `  Architecture:\t${info('architecture')}\n`);
	w.write(0, `  Container Runtime Version:\t${info('containerRuntimeVersion')}\n`);
	w.write(0, `  Kubelet Version:\t${info('kubeletVersion')}\n`);
	w.write(0, `  Kube-Proxy Version:\t${info('kubeProxyVersion')}\n`);
	if (str(o, 'spec', 'podCIDR')) w.write(0, `PodCIDR:\t${str(o, 'spec', 'podCIDR')}\n`);
	const cidrs = list(o, 'spec', 'podCIDRs').map(String);
	if (cidrs.length > 0) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
	const pods = listObjects(cluster, resolveType('pods')!, undefined).filter(
		(p) => str(p, 'spec', 'nodeName') === name && !['Succeeded', 'Failed'].includes(str(p, 'status', 'phase') ?? ''),
	);
	// The simulated Pods request no CPU or memory: every figure is 0, as for BestEffort Pods.
	w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
	w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
	w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
	for (const p of pods) {
		w.write(1, `${str(p, 'metadata', 'namespace')}\t${str(p, 'metadata', 'name')}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${ageSince(str(p, 'metadata', 'creationTimestamp'), cluster.clock.now())}\n`);
	}
	w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
	w.write(1, 'Resource\tRequests\tLimits\n');
	w.write(1, '--------\t--------\t------\n');
	w.write(1, 'cpu\t0 (0%)\t0 (0%)\n');
	w.write(1, 'memory\t0 (0%)\t0 (0%)\n');
	w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
	const allocatable = {...record(o, 'status', 'capacity'), ...record(o, 'status', 'allocatable')};
	for (const resource of Object.keys(allocatable).filter((r) => r.startsWith('hugepages-')).sort()) w.write(1, `${resource}\t0 (0%)\t0 (0%)\n`);
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}


/** DescribePodTemplate: a workload's Pod template, indented two spaces. */
function writePodTemplate(w: DescribeWriter, template: unknown): void {
	w.write(0, 'Pod Template:\n');
	writeLabels(w, '  Labels', record(template, 'metadata', 'labels'));
	const annotations = record(template, 'metadata', 'annotations');
	if (Object.keys(annotations).length > 0) writeAnnotations(w, annotations, '  Annotations');
	if (str(template, 'spec', 'serviceAccountName')) w.write(1, `Service Account:\t${str(template, 'spec', 'serviceAccountName')}\n`);
	writeContainers(w, 'Containers', at(template, 'spec'), [], '  ');
	writeVolumes(w, at(template, 'spec'), '  ');
	if (str(template, 'spec', 'priorityClassName')) w.write(1, `Priority Class Name:\t${str(template, 'spec', 'priorityClassName')}\n`);
	writeLabels(w, '  Node-Selectors', record(template, 'spec', 'nodeSelector'));
	writeTolerations(w, list(template, 'spec', 'tolerations'), '  ');
}

/** The Pods a workload owns, counted by phase as getPodStatusForController counts them. */
function podPhases(cluster: Cluster, owner: ApiObject): string {
	const uid = str(owner, 'metadata', 'uid');
	const counts = {Running: 0, Pending: 0, Succeeded: 0, Failed: 0};
	for (const pod of listObjects(cluster, resolveType('pods')!, str(owner, 'metadata', 'namespace'))) {
		const ref = list(pod, 'metadata', 'ownerReferences').find((r) => at(r, 'controller') === true);
		if (!ref || str(ref, 'uid') !== uid) continue;
		const phase = str(pod, 'status', 'phase') as keyof typeof counts | undefined;
		if (phase && phase in counts) counts[phase]++;
	}
	return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function writeConditions(w: DescribeWriter, o: ApiObject): void {
	const conditions = list(o, 'status', 'conditions');
	if (conditions.length === 0) return;
	w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
	w.write(1, '----\t------\t------\n');
	for (const c of conditions) w.write(1, `${str(c, 'type')} \t${str(c, 'status')}\t${str(c, 'reason') ?? ''}\n`);
}

/** intstr's String(): numbers as they are, percentages as written. */
function intOrString(value: unknown): string {
	return typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
}

export function describeDeployment(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	w.write(0, `Namespace:\t${str(o, 'metadata', 'namespace')}\n`);
	w.write(0, `CreationTimestamp:\t${rfc1123z(str(o, 'metadata', 'creationTimestamp'))}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
	w.write(0, `Selector:\t${formatLabelSelector(at(o, 'spec', 'selector'))}\n`);
	const s = (key: string): number => num(o, 'status', key) ?? 0;
	w.write(0, `Replicas:\t${num(o, 'spec', 'replicas') ?? 1} desired | ${s('updatedReplicas')} updated | ${s('replicas')} total | ${s('availableReplicas')} available | ${s('unavailableReplicas')} unavailable\n`);
	w.write(0, `StrategyType:\t${str(o, 'spec', 'strategy', 'type') ?? ''}\n`);
	w.write(0, `MinReadySeconds:\t${num(o, 'spec', 'minReadySeconds') ?? 0}\n`);
	const rolling = at(o, 'spec', 'strategy', 'rollingUpdate');
	if (isObject(rolling)) w.write(0, `RollingUpdateStrategy:\t${intOrString(rolling['maxUnavailable'])} max unavailable, ${intOrString(rolling['maxSurge'])} max surge\n`);
	writePodTemplate(w, at(o, 'spec', 'template'));
	writeConditions(w, o);
	const uid = str(o, 'metadata', 'uid');
	const owned = listObjects(cluster, resolveType('replicasets')!, str(o, 'metadata', 'namespace')).filter((rs) =>
		list(rs, 'metadata', 'ownerReferences').some((r) => str(r, 'uid') === uid),
	);
	if (owned.length > 0) {
		// The new ReplicaSet is the one whose template is the Deployment's (its pod-template-hash label matches).
		const newest = owned.reduce((a, b) => (Number(record(b, 'metadata', 'annotations')['deployment.kubernetes.io/revision'] ?? 0) > Number(record(a, 'metadata', 'annotations')['deployment.kubernetes.io/revision'] ?? 0) ? b : a));
		const text = (sets: ApiObject[]): string => sets.map((rs) => `${str(rs, 'metadata', 'name')} (${num(rs, 'status', 'replicas') ?? 0}/${num(rs, 'spec', 'replicas') ?? 0} replicas created)`).join(', ') || '<none>';
		w.write(0, `OldReplicaSets:\t${text(owned.filter((rs) => rs !== newest && (num(rs, 'spec', 'replicas') ?? 0) > 0))}\n`);
		w.write(0, `NewReplicaSet:\t${text([newest])}\n`);
	}
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

export function describeReplicaSet(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	w.write(0, `Namespace:\t${str(o, 'metadata', 'namespace')}\n`);
	w.write(0, `Selector:\t${formatLabelSelector(at(o, 'spec', 'selector'))}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
	const controlledBy = controllerOf(o);
	if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
	w.write(0, `Replicas:\t${num(o, 'status', 'replicas') ?? 0} current / ${num(o, 'spec', 'replicas') ?? 1} desired\n`);
	w.write(0, `Pods Status:\t${podPhases(cluster, o)}\n`);
	writePodTemplate(w, at(o, 'spec', 'template'));
	writeConditions(w, o);
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

export function describeDaemonSet(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	const s = (key: string): number => num(o, 'status', key) ?? 0;
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	w.write(0, `Namespace:\t${str(o, 'metadata', 'namespace')}\n`);
	w.write(0, `Selector:\t${formatLabelSelector(at(o, 'spec', 'selector'))}\n`);
	w.write(0, `Node-Selector:\t${formatLabels(record(o, 'spec', 'template', 'spec', 'nodeSelector'))}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
	w.write(0, `Desired Number of Nodes Scheduled: ${s('desiredNumberScheduled')}\n`);
	w.write(0, `Current Number of Nodes Scheduled: ${s('currentNumberScheduled')}\n`);
	w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s('updatedNumberScheduled')}\n`);
	w.write(0, `Number of Nodes Scheduled with Available Pods: ${s('numberAvailable')}\n`);
	w.write(0, `Number of Nodes Misscheduled: ${s('numberMisscheduled')}\n`);
	w.write(0, `Pods Status:\t${podPhases(cluster, o)}\n`);
	writePodTemplate(w, at(o, 'spec', 'template'));
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

export function describeConfigMap(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, '\nData\n====\n');
	const data = record(o, 'data');
	for (const key of Object.keys(data).sort()) {
		w.write(0, `${key}:\n----\n`);
		w.write(0, `${data[key]}\n`);
		w.write(0, '\n');
	}
	w.write(0, '\nBinaryData\n====\n');
	const binary = record(o, 'binaryData');
	for (const key of Object.keys(binary).sort()) w.write(0, `${key}: ${Buffer.from(binary[key]!, 'base64').length} bytes\n`);
	w.write(0, '\n');
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

export function describeNamespace(o: ApiObject): string {
	const w = new DescribeWriter();
	w.write(0, `Name:\t${str(o, 'metadata', 'name')}\n`);
	writeLabels(w, 'Labels', record(o, 'metadata', 'labels'));
	writeAnnotations(w, record(o, 'metadata', 'annotations'));
	w.write(0, `Status:\t${str(o, 'status', 'phase') ?? ''}\n`);
	w.write(0, '\nNo resource quota.\n');
	w.write(0, '\nNo LimitRange resource.\n');
	return w.toString();
}
