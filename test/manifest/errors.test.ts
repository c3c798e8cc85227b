// Every refusal is one line: file, line and column first, then the object and the field, worded
// as the API server words it. Line and column are where the learner has to look.

import test from 'ava';
import {loadManifests, ManifestError} from '../../src/manifest/index.js';
import {errorOf, yaml} from './load-helper.js';

const DNS1035 =
	"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function serviceWith(...specLines: string[]): string {
	return yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', ...specLines);
}

test('a port that is not a number', (t) => {
	t.is(
		errorOf(serviceWith('  ports:', '  - port: eighty')),
		'cluster.yaml:7:11: Service default/web: spec.ports[0].port: Invalid value: "eighty": must be an integer between 1 and 65535',
	);
});

test('a port out of range, and a missing one', (t) => {
	t.is(
		errorOf(serviceWith('  ports:', '  - port: 70000')),
		'cluster.yaml:7:11: Service default/web: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
	);
	t.is(errorOf(serviceWith('  ports:', '  - targetPort: 80')), 'cluster.yaml:7:5: Service default/web: spec.ports[0].port: Required value');
});

test('a nodePort outside 0-65535 or not a number', (t) => {
	t.is(
		errorOf(serviceWith('  type: NodePort', '  ports:', '  - port: 80', '    nodePort: 70000')),
		'cluster.yaml:9:15: Service default/web: spec.ports[0].nodePort: Invalid value: 70000: must be between 0 and 65535, inclusive',
	);
	t.is(
		errorOf(serviceWith('  type: NodePort', '  ports:', '  - port: 80', '    nodePort: "30080"')),
		'cluster.yaml:9:15: Service default/web: spec.ports[0].nodePort: Invalid value: "30080": must be an integer between 0 and 65535',
	);
});

test('a named targetPort must be an IANA service name', (t) => {
	t.is(
		errorOf(serviceWith('  ports:', '  - port: 80', '    targetPort: web_port')),
		'cluster.yaml:8:17: Service default/web: spec.ports[0].targetPort: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
	);
	// A quoted number is a name to the API, and a name needs a letter.
	t.is(
		errorOf(serviceWith('  ports:', '  - port: 80', '    targetPort: "8080"')),
		'cluster.yaml:8:17: Service default/web: spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
	);
	t.is(
		errorOf(serviceWith('  ports:', '  - port: 80', '    targetPort: a-very-long-port-name')),
		'cluster.yaml:8:17: Service default/web: spec.ports[0].targetPort: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
	);
});

test('an unsupported protocol and Service type', (t) => {
	t.is(
		errorOf(serviceWith('  ports:', '  - port: 80', '    protocol: HTTP')),
		'cluster.yaml:8:15: Service default/web: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
	);
	t.is(
		errorOf(serviceWith('  type: Nodeport', '  ports: [{port: 80}]')),
		'cluster.yaml:6:9: Service default/web: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
	);
});

test('a Service name that is not a DNS-1035 label', (t) => {
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: 1web', 'spec: {ports: [{port: 80}]}')),
		`cluster.yaml:4:9: Service default/1web: metadata.name: Invalid value: "1web": ${DNS1035}`,
	);
});

test('a Pod name that is not a DNS-1123 subdomain, and a bad namespace', (t) => {
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: Web_1}', 'spec: {containers: [{name: c, image: i}]}')),
		"cluster.yaml:3:18: Pod default/Web_1: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
	);
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web, namespace: my.shop}', 'spec: {containers: [{name: c, image: i}]}')),
		'cluster.yaml:3:34: Pod my.shop/web: metadata.namespace: Invalid value: "my.shop": must not contain dots',
	);
});

test('a missing metadata.name', (t) => {
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  namespace: shop', 'spec: {ports: [{port: 80}]}')),
		'cluster.yaml:3:1: Service: metadata.name: Required value: name or generateName is required',
	);
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Node', 'status: {}')),
		'cluster.yaml:1:1: Node: metadata.name: Required value: name or generateName is required',
	);
});

test('an unsupported kind', (t) => {
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Node', 'metadata: {name: n1}', '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}')),
		'cluster.yaml:5:1: unsupported kind "Deployment" (apiVersion apps/v1): svc-tutor reads Node, Pod, Service, EndpointSlice and KubeProxyConfiguration',
	);
});

test('a known kind with the wrong apiVersion', (t) => {
	t.is(
		errorOf(yaml('apiVersion: apps/v1', 'kind: Service', 'metadata: {name: web}')),
		'cluster.yaml:1:13: no matches for kind "Service" in version "apps/v1": Service is apiVersion v1',
	);
	t.is(
		errorOf(yaml('apiVersion: discovery.k8s.io/v1beta1', 'kind: EndpointSlice', 'metadata: {name: web}')),
		'cluster.yaml:1:13: no matches for kind "EndpointSlice" in version "discovery.k8s.io/v1beta1": EndpointSlice is apiVersion discovery.k8s.io/v1',
	);
});

test('missing kind or apiVersion, and a document that is not an object', (t) => {
	t.is(errorOf(yaml('apiVersion: v1', 'metadata: {name: web}')), 'cluster.yaml:1:1: kind not set');
	t.is(errorOf(yaml('kind: Service', 'metadata: {name: web}')), 'cluster.yaml:1:1: apiVersion not set');
	t.is(errorOf(yaml('- apiVersion: v1', '  kind: Service')), 'cluster.yaml:1:1: expected a Kubernetes object (a map with apiVersion and kind), found a list');
	t.is(errorOf(yaml('just some words')), 'cluster.yaml:1:1: expected a Kubernetes object (a map with apiVersion and kind), found a string ("just some words")');
});

test('YAML syntax errors carry the library reason on one line', (t) => {
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'kind: Pod')), 'cluster.yaml:3:1: YAML syntax error: Map keys must be unique');
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  ports: [{port: 80}', 'status: {}')),
		'cluster.yaml:7:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
	);
	t.is(errorOf(yaml('apiVersion: v1', 'kind: "Service')), 'cluster.yaml:3:1: YAML syntax error: Missing closing "quote');
});

test('a JSON syntax error points into the JSON', (t) => {
	t.is(errorOf('{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "web"}\n  "spec": {}\n}\n', 'web.json').split(':').slice(0, 3).join(':'), 'web.json:5:3');
});

test('a second KubeProxyConfiguration', (t) => {
	const config = yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration');
	const error = t.throws(
		() =>
			loadManifests([
				{name: 'a.yaml', text: config},
				{name: 'b.yaml', text: yaml('# the node config', config)},
			]),
		{instanceOf: ManifestError},
	);
	t.is(error?.message, 'b.yaml:2:1: a second KubeProxyConfiguration (first at a.yaml:1:1)');
	t.deepEqual(error?.position, {file: 'b.yaml', line: 2, column: 1});
});

test('a duplicate object, in the API words', (t) => {
	const web = yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {ports: [{port: 80}]}');
	t.is(errorOf(`${web}---\n${web}`), 'cluster.yaml:6:1: Service default/web: services "web" already exists (first at cluster.yaml:1:1)');
	// The same name in another namespace, or another kind, is a different object.
	t.notThrows(() => loadManifests([{name: 'a.yaml', text: web}, {name: 'b.yaml', text: web.replace('{name: web}', '{name: web, namespace: shop}')}]));
	const slice = yaml('apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: web-1}', 'addressType: IPv4');
	t.is(
		errorOf(`${slice}---\n${slice}`),
		'cluster.yaml:6:1: EndpointSlice default/web-1: endpointslices.discovery.k8s.io "web-1" already exists (first at cluster.yaml:1:1)',
	);
});

test('wrong types name the type wanted', (t) => {
	t.is(
		errorOf(serviceWith('  selector: [app]', '  ports: [{port: 80}]')),
		'cluster.yaml:6:3: Service default/web: spec.selector: Invalid value: ["app"]: must be a map of string keys to string values',
	);
	t.is(
		errorOf(serviceWith('  selector: {version: 1.0}', '  ports: [{port: 80}]')),
		'cluster.yaml:6:23: Service default/web: spec.selector.version: Invalid value: 1: must be a string (put the value in quotes)',
	);
	t.is(errorOf(serviceWith('  ports: {port: 80}')), 'cluster.yaml:6:3: Service default/web: spec.ports: Invalid value: {"port":80}: must be a list');
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  hostNetwork: "true"', '  containers: [{name: c, image: i}]')),
		'cluster.yaml:5:16: Pod default/p: spec.hostNetwork: Invalid value: "true": must be true or false',
	);
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Service', 'metadata: web')), 'cluster.yaml:3:11: Service: metadata: Invalid value: "web": must be a map of fields');
});

test('Service port names: required when several, DNS-1123 labels, unique', (t) => {
	t.is(errorOf(serviceWith('  ports:', '  - {name: http, port: 80}', '  - port: 443')), 'cluster.yaml:8:5: Service default/web: spec.ports[1].name: Required value');
	t.is(
		errorOf(serviceWith('  ports:', '  - {name: http, port: 80}', '  - {name: http, port: 443}')),
		'cluster.yaml:8:12: Service default/web: spec.ports[1].name: Duplicate value: "http"',
	);
	t.is(
		errorOf(serviceWith('  ports:', '  - {name: a, port: 80}', '  - {name: b, port: 80}')),
		'cluster.yaml:8:5: Service default/web: spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}',
	);
	t.true(errorOf(serviceWith('  ports: [{name: HTTP, port: 80}]')).startsWith('cluster.yaml:6:18: Service default/web: spec.ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label'));
});

test('Service rules that need only the Service itself', (t) => {
	t.is(errorOf(serviceWith('  selector: {app: web}')), 'cluster.yaml:5:1: Service default/web: spec.ports: Required value');
	t.is(
		errorOf(serviceWith('  ports:', '  - port: 80', '    nodePort: 30080')),
		"cluster.yaml:8:15: Service default/web: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
	);
	t.is(
		errorOf(serviceWith('  type: NodePort', '  clusterIP: None', '  ports: [{port: 80}]')),
		"cluster.yaml:7:14: Service default/web: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
	);
	t.is(
		errorOf(serviceWith('  externalTrafficPolicy: Local', '  ports: [{port: 80}]')),
		'cluster.yaml:6:26: Service default/web: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
	);
	t.is(
		errorOf(serviceWith('  sessionAffinity: ClientIP', '  sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}', '  ports: [{port: 80}]')),
		'cluster.yaml:7:54: Service default/web: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
	);
	t.is(
		errorOf(serviceWith('  loadBalancerSourceRanges: [10.0.0.0/8]', '  ports: [{port: 80}]')),
		"cluster.yaml:6:3: Service default/web: spec.loadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
	);
	// A missing field is reported where its parent was written.
	t.is(errorOf(serviceWith('  type: ExternalName')), 'cluster.yaml:5:1: Service default/web: spec.externalName: Required value');
});

test('IP addresses and CIDRs', (t) => {
	t.is(
		errorOf(serviceWith('  clusterIP: 10.96.0.300', '  ports: [{port: 80}]')),
		'cluster.yaml:6:14: Service default/web: spec.clusterIP: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
	);
	t.is(
		errorOf(serviceWith('  externalIPs: [127.0.0.1]', '  ports: [{port: 80}]')),
		'cluster.yaml:6:17: Service default/web: spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
	);
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Node', 'metadata: {name: n1}', 'spec: {podCIDR: 10.244.0.0/33}')),
		'cluster.yaml:4:17: Node n1: spec.podCIDR: Invalid value: "10.244.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
	);
	// Leading zeros would be read as octal by netmask and as decimal by Kubernetes: refused.
	t.is(
		errorOf(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: c, image: i}]}', 'status: {podIP: 010.244.1.5}')),
		'cluster.yaml:5:17: Pod default/p: status.podIP: Invalid value: "010.244.1.5": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
	);
});

test('EndpointSlice fields', (t) => {
	const slice = (...lines: string[]) => yaml('apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata: {name: web-1}', ...lines);
	t.is(errorOf(slice('endpoints: []')), 'cluster.yaml:1:1: EndpointSlice default/web-1: addressType: Required value');
	t.is(
		errorOf(slice('addressType: IP')),
		'cluster.yaml:4:14: EndpointSlice default/web-1: addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"',
	);
	t.is(
		errorOf(slice('addressType: IPv4', 'endpoints:', '- addresses: [10.244.1.300]')),
		'cluster.yaml:6:15: EndpointSlice default/web-1: endpoints[0].addresses[0]: Invalid value: "10.244.1.300": must be a valid IPv4 address',
	);
	t.is(
		errorOf(slice('addressType: IPv4', 'endpoints:', '- conditions: {ready: true}')),
		'cluster.yaml:6:3: EndpointSlice default/web-1: endpoints[0].addresses: Required value: must contain at least 1 address',
	);
	t.is(
		errorOf(slice('addressType: IPv4', 'endpoints:', '- addresses: [10.244.1.5]', '  conditions: {ready: "yes"}')),
		'cluster.yaml:7:23: EndpointSlice default/web-1: endpoints[0].conditions.ready: Invalid value: "yes": must be true or false',
	);
});

test('Pod container ports', (t) => {
	const pod = (...portLines: string[]) =>
		yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: c', '    image: i', '    ports:', ...portLines);
	t.is(errorOf(pod('    - name: http')), 'cluster.yaml:9:7: Pod default/p: spec.containers[0].ports[0].containerPort: Required value');
	t.is(
		errorOf(pod('    - {name: http, containerPort: 80}', '    - {name: http, containerPort: 81}')),
		'cluster.yaml:10:14: Pod default/p: spec.containers[0].ports[1].name: Duplicate value: "http"',
	);
	t.is(
		errorOf(pod('    - {name: web-port-number-1, containerPort: 80}')),
		'cluster.yaml:9:14: Pod default/p: spec.containers[0].ports[0].name: Invalid value: "web-port-number-1": must be no more than 15 characters',
	);
	t.is(errorOf(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {}')), 'cluster.yaml:4:1: Pod default/p: spec.containers: Required value');
});

test('KubeProxyConfiguration fields', (t) => {
	const config = (...lines: string[]) => yaml('apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', ...lines);
	t.is(
		errorOf(config('iptables:', '  masqueradeBit: 40')),
		'cluster.yaml:4:18: KubeProxyConfiguration: iptables.masqueradeBit: Invalid value: 40: must be within the range [0, 31]',
	);
	t.is(
		errorOf(config('mode: userspace')),
		'cluster.yaml:3:7: KubeProxyConfiguration: mode: Invalid value: "userspace": must be iptables,ipvs,nftables or blank (blank means the best-available proxy [currently iptables])',
	);
	t.is(
		errorOf(config('detectLocalMode: PodCIDR')),
		'cluster.yaml:3:18: KubeProxyConfiguration: detectLocalMode: Unsupported value: "PodCIDR": supported values: "ClusterCIDR", "NodeCIDR", "BridgeInterface", "InterfaceNamePrefix", ""',
	);
	t.is(
		errorOf(config('clusterCIDR: 10.244.0.0')),
		'cluster.yaml:3:14: KubeProxyConfiguration: clusterCIDR: Invalid value: "10.244.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
	);
});

test('an error inside a List item names the item and its line', (t) => {
	t.is(
		errorOf(
			yaml(
				'apiVersion: v1',
				'items:',
				'- apiVersion: v1',
				'  kind: Service',
				'  metadata:',
				'    name: web',
				'    namespace: shop',
				'  spec:',
				'    ports:',
				'    - port: 80',
				'      protocol: tcp',
				'kind: List',
			),
		),
		'cluster.yaml:11:17: Service shop/web: spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
	);
});
