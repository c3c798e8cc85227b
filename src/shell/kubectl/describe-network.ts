// describe for Services, Endpoints and EndpointSlices, line for line as describe.go writes them.
import type {Cluster} from '../../sim/cluster/cluster.js';
import {listObjects, type ApiObject} from './api.js';
import {DescribeWriter, writeEvents, writeHeader} from './describe-writer.js';
import {at, formatLabels, isObject, list, num, record, str} from './json.js';
import {resolveType} from './resources.js';

export function describeService(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, `Selector:\t${formatLabels(record(o, 'spec', 'selector'))}\n`);
	w.write(0, `Type:\t${str(o, 'spec', 'type') ?? ''}\n`);
	if (str(o, 'spec', 'ipFamilyPolicy')) w.write(0, `IP Family Policy:\t${str(o, 'spec', 'ipFamilyPolicy')}\n`);
	const families = list(o, 'spec', 'ipFamilies').map(String);
	w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
	w.write(0, `IP:\t${str(o, 'spec', 'clusterIP') ?? ''}\n`);
	const ips = list(o, 'spec', 'clusterIPs').map(String);
	w.write(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
	const externalIPs = list(o, 'spec', 'externalIPs').map(String);
	if (externalIPs.length > 0) w.write(0, `External IPs:\t${externalIPs.join(',')}\n`);
	if (str(o, 'spec', 'loadBalancerIP')) w.write(0, `Desired LoadBalancer IP:\t${str(o, 'spec', 'loadBalancerIP')}\n`);
	if (str(o, 'spec', 'externalName')) w.write(0, `External Name:\t${str(o, 'spec', 'externalName')}\n`);
	const ingress = list(o, 'status', 'loadBalancer', 'ingress');
	if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => str(i, 'ip') || str(i, 'hostname') || '').join(', ')}\n`);
	const slices = listObjects(cluster, resolveType('endpointslices')!, str(o, 'metadata', 'namespace') ?? 'default').filter(
		(s) => record(s, 'metadata', 'labels')['kubernetes.io/service-name'] === str(o, 'metadata', 'name'),
	);
	for (const port of list(o, 'spec', 'ports')) {
		const name = str(port, 'name') || '<unset>';
		const protocol = str(port, 'protocol') ?? 'TCP';
		w.write(0, `Port:\t${name}\t${num(port, 'port')}/${protocol}\n`);
		const target = at(port, 'targetPort');
		w.write(0, `TargetPort:\t${target ?? num(port, 'port')}/${protocol}\n`);
		if (str(port, 'appProtocol')) w.write(0, `AppProtocol:\t${str(port, 'appProtocol')}\n`);
		const nodePort = num(port, 'nodePort') ?? 0;
		if (nodePort !== 0) w.write(0, `NodePort:\t${name}\t${nodePort}/${protocol}\n`);
		w.write(0, `Endpoints:\t${formatEndpointSlices(slices, str(port, 'name') ?? '')}\n`);
	}
	w.write(0, `Session Affinity:\t${str(o, 'spec', 'sessionAffinity') ?? ''}\n`);
	if (str(o, 'spec', 'externalTrafficPolicy')) w.write(0, `External Traffic Policy:\t${str(o, 'spec', 'externalTrafficPolicy')}\n`);
	if (str(o, 'spec', 'internalTrafficPolicy')) w.write(0, `Internal Traffic Policy:\t${str(o, 'spec', 'internalTrafficPolicy')}\n`);
	if ((num(o, 'spec', 'healthCheckNodePort') ?? 0) !== 0) w.write(0, `HealthCheck NodePort:\t${num(o, 'spec', 'healthCheckNodePort')}\n`);
	const ranges = list(o, 'spec', 'loadBalancerSourceRanges').map(String);
	if (ranges.length > 0) w.write(0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
	if (str(o, 'spec', 'trafficDistribution')) w.write(0, `Traffic Distribution:\t${str(o, 'spec', 'trafficDistribution')}\n`);
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

/** formatEndpointSlices: the ready endpoints of the slices' port of that name, up to three, then ` + N more...`. */
function formatEndpointSlices(slices: ApiObject[], portName: string): string {
	if (slices.length === 0) return '<none>';
	const shown: string[] = [];
	const max = 3;
	let more = false;
	let count = 0;
	for (const slice of slices) {
		const endpoints = list(slice, 'endpoints').filter(isObject);
		const ready = (e: unknown): boolean => at(e, 'conditions', 'ready') !== false;
		const ports = list(slice, 'ports');
		if (ports.length === 0) {
			for (const e of endpoints) {
				if (shown.length === max) more = true;
				if (!ready(e)) continue;
				if (!more) shown.push(str(e, 'addresses', 0) ?? '');
				count++;
			}
			continue;
		}
		for (const port of ports) {
			if ((str(port, 'name') ?? '') !== portName) continue;
			for (const e of endpoints) {
				if (shown.length === max) more = true;
				if (!ready(e)) continue;
				const ip = str(e, 'addresses', 0) ?? '';
				if (!more) shown.push(`${ip.includes(':') ? `[${ip}]` : ip}:${num(port, 'port')}`);
				count++;
			}
		}
	}
	const text = shown.join(',');
	return more ? `${text} + ${count - max} more...` : text;
}

export function describeEndpoints(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, 'Subsets:\n');
	for (const subset of list(o, 'subsets')) {
		const addresses = list(subset, 'addresses').map((a) => str(a, 'ip') ?? '').join(',');
		w.write(1, `Addresses:\t${addresses || '<none>'}\n`);
		const notReady = list(subset, 'notReadyAddresses').map((a) => str(a, 'ip') ?? '').join(',');
		w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
		const ports = list(subset, 'ports');
		if (ports.length > 0) {
			w.write(1, 'Ports:\n');
			w.write(2, 'Name\tPort\tProtocol\n');
			w.write(2, '----\t----\t--------\n');
			for (const port of ports) w.write(2, `${str(port, 'name') || '<unset>'}\t${num(port, 'port')}\t${str(port, 'protocol')}\n`);
		}
		w.write(0, '\n');
	}
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}

export function describeEndpointSlice(o: ApiObject, cluster: Cluster, events: ApiObject[] | undefined): string {
	const w = new DescribeWriter();
	writeHeader(w, o);
	w.write(0, `AddressType:\t${str(o, 'addressType') ?? ''}\n`);
	const ports = list(o, 'ports');
	if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
	else {
		w.write(0, 'Ports:\n');
		w.write(1, 'Name\tPort\tProtocol\n');
		w.write(1, '----\t----\t--------\n');
		for (const port of ports) {
			const port_ = num(port, 'port');
			w.write(1, `${str(port, 'name') || '<unset>'}\t${port_ === undefined ? '<unset>' : port_}\t${str(port, 'protocol') ?? 'TCP'}\n`);
		}
	}
	const endpoints = list(o, 'endpoints');
	if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
	else {
		w.write(0, 'Endpoints:\n');
		for (const e of endpoints) {
			w.write(1, `- Addresses:\t${list(e, 'addresses').map(String).join(', ') || '<none>'}\n`);
			w.write(2, 'Conditions:\n');
			const ready = at(e, 'conditions', 'ready');
			w.write(3, `Ready:\t${typeof ready === 'boolean' ? String(ready) : '<unset>'}\n`);
			w.write(2, `Hostname:\t${str(e, 'hostname') ?? '<unset>'}\n`);
			if (isObject(at(e, 'targetRef'))) w.write(2, `TargetRef:\t${str(e, 'targetRef', 'kind')}/${str(e, 'targetRef', 'name')}\n`);
			w.write(2, `NodeName:\t${str(e, 'nodeName') ?? '<unset>'}\n`);
			w.write(2, `Zone:\t${str(e, 'zone') ?? '<unset>'}\n`);
		}
	}
	writeEvents(w, events, cluster.clock.now());
	return w.toString();
}
