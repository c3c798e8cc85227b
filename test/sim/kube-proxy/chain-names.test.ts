import test from 'ava';
import {endpointChain, hash16, servicePortChain} from '../../../src/sim/kube-proxy/iptables/chain-names.js';

// Known values from kube-proxy's own tests and real nodes (reference section 1).
const known: Array<[string, string]> = [
	['default/kubernetes:httpstcp', 'NPX46M4PTMTKRN6Y'],
	['kube-system/kube-dns:dnsudp', 'TCOU7JCQXEZGVUNU'],
	['kube-system/kube-dns:dns-tcptcp', 'ERIFXISQEP7F7OF4'],
	['ns1/svc1:p80tcp', 'XPGD46QRK7WJZT7O'],
	['ns1/svc1:p80tcp10.180.0.1:80', 'SXIVWICOYRO3J4NJ'],
	['ns1/svc1tcp', 'AQI2S6QIMU7PVVRP'],
	['ns1/svc1tcp10.0.1.1:80', '3JOIVZTXZZRGORX4'],
	['ns1/svc1:p80tcp[ff06::c1]:80', 'LIGRYQQLSZN4UWQ5'],
	['default/db-service:tcp', 'TCHUXVZWN7RJIZ2A'],
	['default/db-servicetcp', 'PKJNZ2BPYAP7WCVG'],
];

for (const [input, expected] of known) {
	test(`hash16(${JSON.stringify(input)}) = ${expected}`, (t) => {
		t.is(hash16(input), expected);
	});
}

test('chain names put the prefix before the same hash', (t) => {
	t.is(servicePortChain('KUBE-SVC-', 'default/db-service', 'tcp'), 'KUBE-SVC-PKJNZ2BPYAP7WCVG');
	t.is(servicePortChain('KUBE-EXT-', 'ns1/svc1:p80', 'tcp'), 'KUBE-EXT-XPGD46QRK7WJZT7O');
	t.is(endpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80'), 'KUBE-SEP-SXIVWICOYRO3J4NJ');
});
