// The name, label, IP and path helpers against the API's own rules and texts.

import test from 'ava';
import {fieldPathString, formatBadValue, notSupported, parseFieldPath} from '../../src/manifest/field-errors.js';
import {isValidCIDR, nonSpecialIPProblem, parseIP} from '../../src/manifest/ip-syntax.js';
import {isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName} from '../../src/manifest/name-syntax.js';

test('DNS names', (t) => {
	t.deepEqual(isDNS1035Label('my-svc'), []);
	t.is(isDNS1035Label('9svc').length, 1);
	t.deepEqual(isDNS1035Label('a'.repeat(64)), ['must be no more than 63 characters']);
	t.deepEqual(isDNS1123Label('123-abc'), []);
	t.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
	t.deepEqual(isDNS1123Subdomain('web-7d4b9c8f6-x2lqz'), []);
	t.deepEqual(isDNS1123Subdomain('node01.example.com'), []);
	t.is(isDNS1123Subdomain('-web').length, 1);
});

test('IANA service names (port names)', (t) => {
	t.deepEqual(isValidPortName('http'), []);
	t.deepEqual(isValidPortName('dns-tcp'), []);
	t.deepEqual(isValidPortName('80'), ['must contain at least one letter (a-z)']);
	t.deepEqual(isValidPortName('a--b'), ['must not contain consecutive hyphens']);
	t.deepEqual(isValidPortName('-ab'), ['must not begin or end with a hyphen']);
	t.deepEqual(isValidPortName('Http'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
});

test('label keys and values', (t) => {
	t.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
	t.deepEqual(isQualifiedName('app'), []);
	t.deepEqual(isQualifiedName('/app'), ['prefix part must be non-empty']);
	t.is(isQualifiedName('a/b/c').length, 1);
	t.deepEqual(isValidLabelValue(''), []);
	t.deepEqual(isValidLabelValue('v1.2_3-x'), []);
	t.deepEqual(isValidLabelValue('my app'), [
		"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
	]);
});

test('IP addresses', (t) => {
	t.deepEqual(parseIP('10.244.1.5'), {family: 4, bytes: [10, 244, 1, 5]});
	t.is(parseIP('2001:db8::1')?.family, 6);
	t.is(parseIP('::ffff:10.0.0.1')?.family, 4);
	t.is(parseIP('::')?.family, 6);
	t.is(parseIP('1:2:3:4:5:6:7:8')?.family, 6);
	for (const bad of ['010.0.0.1', '1.2.3', '256.0.0.1', '1.2.3.4 ', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', ':::1', '1::2::3', 'abc'])
		t.is(parseIP(bad), undefined, bad);
});

test('CIDRs', (t) => {
	t.true(isValidCIDR('10.244.0.0/16'));
	t.true(isValidCIDR('fd00::/8'));
	t.true(isValidCIDR('0.0.0.0/0'));
	for (const bad of ['10.244.0.0', '10.244.0.0/33', '10.0.0.0/08', 'fd00::/129', '/8']) t.false(isValidCIDR(bad), bad);
});

test('special IPs that may not be external IPs or endpoints', (t) => {
	t.is(nonSpecialIPProblem('10.244.1.5'), undefined);
	t.is(nonSpecialIPProblem('0.0.0.0'), 'may not be unspecified (0.0.0.0)');
	t.is(nonSpecialIPProblem('::1'), 'may not be in the loopback range (127.0.0.0/8, ::1/128)');
	t.is(nonSpecialIPProblem('169.254.169.254'), 'may not be in the link-local range (169.254.0.0/16, fe80::/10)');
	t.is(nonSpecialIPProblem('fe80::1'), 'may not be in the link-local range (169.254.0.0/16, fe80::/10)');
	t.is(nonSpecialIPProblem('224.0.0.251'), 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
});

test('field paths and values, as apimachinery prints them', (t) => {
	t.is(fieldPathString(['spec', 'ports', 0, 'targetPort']), 'spec.ports[0].targetPort');
	t.is(fieldPathString(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels[app.kubernetes.io/name]');
	t.deepEqual(parseFieldPath('spec.ports[0].targetPort'), ['spec', 'ports', 0, 'targetPort']);
	t.deepEqual(parseFieldPath('metadata.labels[app.kubernetes.io/name]'), ['metadata', 'labels', 'app.kubernetes.io/name']);
	t.is(formatBadValue('eighty'), '"eighty"');
	t.is(formatBadValue(40000), '40000');
	t.is(formatBadValue(null), 'null');
	t.is(notSupported('HTTP', ['SCTP', 'TCP', 'UDP']), 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"');
});
