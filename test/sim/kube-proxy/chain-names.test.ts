import test from 'ava';
import {createHash} from 'node:crypto';
import fc from 'fast-check';
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

test('hash16 is the first 16 base32 characters of the SHA-256 digest, for any text (property)', (t) => {
	// RFC 4648 base32 written out the plain way, bit by bit, from node:crypto's digest bytes.
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const base32 = (bytes: Uint8Array): string => {
		let bits = '';
		for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
		let out = '';
		for (let i = 0; i + 5 <= bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
		return out;
	};
	fc.assert(
		fc.property(fc.string({unit: 'grapheme', maxLength: 120}), (s) => hash16(s) === base32(createHash('sha256').update(s, 'utf8').digest()).slice(0, 16)),
		{numRuns: 2000, seed: 42},
	);
	t.pass();
});
