import test from 'ava';
import {readBoolean, readChain, readComponent, readCount, readDestination, readEndpoint, readProbability, readRange} from '../../src/quiz/normalize.js';

const understood = (r: {ok: boolean; understood?: string; why?: string}): string => (r.ok ? r.understood! : `✖ ${r.why!}`);

test('IP:port in the forms people type, and the prefixes iptables prints', (t) => {
	for (const text of ['10.244.1.2:3306', ' 10.244.1.2 : 3306 ', '10.244.1.2:3306.', 'to:10.244.1.2:3306', 'DNAT to 10.244.1.2:3306', 'dnat --to-destination 10.244.1.2:3306']) {
		t.is(understood(readEndpoint(text)), '10.244.1.2:3306', text);
	}
});

test('endpoints that cannot be read say why', (t) => {
	t.regex(understood(readEndpoint('010.244.1.2:3306')), /leading zero/);
	t.regex(understood(readEndpoint('10.244.1.2')), /no port/);
	t.regex(understood(readEndpoint('10.244.1.2:70000')), /not in 1–65535/);
	t.regex(understood(readEndpoint('10.244.1:80')), /4 decimal numbers/);
	t.regex(understood(readEndpoint('')), /nothing to read/);
	t.regex(understood(readEndpoint('abc')), /no port/);
});

test('a destination is an endpoint or a verdict word', (t) => {
	t.is(understood(readDestination('dropped')), 'DROP');
	t.is(understood(readDestination('Drop.')), 'DROP');
	t.is(understood(readDestination('rejected')), 'REJECT');
	t.is(understood(readDestination('10.244.1.3 :80')), '10.244.1.3:80');
});

test('a range as a/len or first–last with any dash or "to"', (t) => {
	for (const text of ['10.96.0.0/12', '10.96.0.0 / 12', '10.96.0.0 - 10.111.255.255', '10.96.0.0–10.111.255.255', '10.96.0.0 — 10.111.255.255', '10.96.0.0 to 10.111.255.255', 'from 10.96.0.0 to 10.111.255.255']) {
		t.is(understood(readRange(text)), '10.96.0.0–10.111.255.255 (10.96.0.0/12)', text);
	}
	t.is(understood(readRange('10.96.0.1 - 10.111.255.254')), '10.96.0.1–10.111.255.254');
	t.regex(understood(readRange('10.96.0.0/33')), /prefix length must be 0–32/);
	t.regex(understood(readRange('010.96.0.0/12')), /leading zero/);
	t.regex(understood(readRange('abc')), /write a range/);
	t.regex(understood(readRange('10.96.0.5/12')), /did you mean 10\.96\.0\.0\/12/);
});

test('whole numbers with any thousands separator, or a power of two', (t) => {
	for (const text of ['1,048,576', '1048576', '1 048 576', '1\u202f048\u202f576', "1'048'576", '1_048_576', '1.048.576', '2^20', '2 ^ 20', '2**20', '1,048,576 addresses', '1, 048, 576']) {
		t.is(understood(readCount(text)), '1,048,576', text);
	}
	t.is(understood(readCount('2^20 - 2')), '1,048,574');
	t.regex(understood(readCount('10,48,576')), /grouped by three/);
	t.regex(understood(readCount('1.048')), /not a whole number/);
	t.regex(understood(readCount('abc')), /not a whole number/);
	t.regex(understood(readCount('')), /nothing to read/);
});

test('yes and no in the words of each question', (t) => {
	const read = (text: string, flavour: 'contains' | 'overlap' | 'accepted'): string => understood(readBoolean(text, flavour));
	for (const text of ['yes', 'Yes.', 'y', 'true', 'inside', 'it is inside', 'yes, inside', 'in range']) t.is(read(text, 'contains'), 'yes (inside)', text);
	for (const text of ['no', 'NO', 'false', 'outside', "it's outside", 'not inside', 'no, outside']) t.is(read(text, 'contains'), 'no (outside)', text);
	for (const text of ['no overlap', "they don't overlap", 'disjoint', 'no']) t.is(read(text, 'overlap'), 'no (no overlap)', text);
	for (const text of ['overlap', 'they overlap', 'yes']) t.is(read(text, 'overlap'), 'yes (they overlap)', text);
	for (const text of ['invalid', 'refused', 'out of range', 'already allocated']) t.is(read(text, 'accepted'), 'no (refused)', text);
	for (const text of ['valid', 'accepted', 'ok']) t.is(read(text, 'accepted'), 'yes (accepted)', text);
	t.regex(read('maybe', 'contains'), /answer yes or no/);
	t.regex(read('', 'contains'), /nothing to read/);
});

test('probabilities as fractions, decimals, percentages and kernel-printed values', (t) => {
	const value = (text: string): number => {
		const r = readProbability(text);
		if (!r.ok) throw new Error(r.why);
		return r.value;
	};
	t.is(value('1/3'), 1 / 3);
	t.is(value(' 1 / 3 '), 1 / 3);
	t.is(value('1 in 3'), 1 / 3);
	t.is(value('0.333'), 0.333);
	t.is(value('.5'), 0.5);
	t.is(value('0,5'), 0.5);
	t.is(value('33.3%'), 0.333);
	t.is(value('50 %'), 0.5);
	t.is(value('0.33333333349'), 0.33333333349);
	t.is(value('1/3 (0.33333333349)'), 1 / 3);
	t.is(value('1'), 1);
	t.regex(understood(readProbability('3/2')), /more than 1/);
	t.regex(understood(readProbability('1/0')), /divides by zero/);
	t.regex(understood(readProbability('a third')), /not a probability/);
});

test('chain names, whole or as DNAT with its target', (t) => {
	t.is(understood(readChain('kube-svc-pkjnz2bpyap7wcvg')), 'KUBE-SVC-PKJNZ2BPYAP7WCVG');
	t.is(understood(readChain('-j KUBE-SERVICES')), 'KUBE-SERVICES');
	t.is(understood(readChain('DNAT')), 'DNAT');
	t.is(understood(readChain('dnat to 10.244.1.2:3306')), 'DNAT to 10.244.1.2:3306');
	t.regex(understood(readChain('KUBE-SVC-…')), /whole chain name/);
	t.regex(understood(readChain('KUBE-SEP-')), /whole chain name/);
	t.regex(understood(readChain('10.0.0.1')), /not a chain name/);
});

test('components in their common spellings', (t) => {
	const c = (text: string): string => understood(readComponent(text));
	for (const text of ['kube-proxy', 'kubeproxy', 'kube proxy', 'KubeProxy', 'the kube-proxy on every node', 'kube_proxy']) t.is(c(text), 'kube-proxy', text);
	for (const text of ['kube-apiserver', 'apiserver', 'api server', 'API-Server', 'the API server', 'kube-api-server', 'kube apiserver']) t.is(c(text), 'kube-apiserver', text);
	for (const text of ['cni', 'CNI plugin', 'the CNI plugin', 'the CNI plugin (its IPAM)', 'IPAM', 'host-local', 'kubelet via CNI', 'the kubelet calls the CNI plugin']) t.is(c(text), 'the CNI plugin (its IPAM)', text);
	for (const text of ['none', 'nothing', 'no process', 'Nothing runs.', 'none: no process runs', "it's virtual"]) t.is(c(text), 'none: no process runs', text);
	for (const text of ['kube-controller-manager', 'controller manager', 'kcm']) t.is(c(text), 'kube-controller-manager', text);
	t.is(c('scheduler'), 'kube-scheduler');
	t.is(c('kubelet'), 'the kubelet');
	t.regex(c('etcd'), /not a component I know/);
	t.regex(c('kube-proxy or kubelet'), /several components/);
	t.regex(c(''), /nothing to read/);
});
