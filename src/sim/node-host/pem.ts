// Stand-ins for the certificates and keys kubeadm generates (/etc/kubernetes/pki, the
// kubeconfigs' *-data fields, the kube-root-ca.crt ConfigMap): PEM armour around seeded base64 of
// a realistic length, starting `MII` as DER certificates and keys do. They are not valid DER: the
// shell only shows them.
import {seededRandom} from '../random.js';
import {fnv32a} from '../workloads/pod-template-hash.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export type PemKind = 'CERTIFICATE' | 'RSA PRIVATE KEY' | 'PRIVATE KEY' | 'PUBLIC KEY';

const LENGTHS: Record<PemKind, number> = {CERTIFICATE: 1088, 'RSA PRIVATE KEY': 1588, 'PRIVATE KEY': 1620, 'PUBLIC KEY': 392};

/** A PEM block for `label` (e.g. `ca.crt`), the same for the same seed and label. */
export function fakePem(seed: number, label: string, kind: PemKind): string {
	const random = seededRandom((seed ^ fnv32a(label)) >>> 0);
	let body = kind === 'CERTIFICATE' ? 'MIIDBTCCAe2gAwIBAgII' : kind === 'PUBLIC KEY' ? 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' : 'MIIEowIBAAKCAQEA';
	while (body.length < LENGTHS[kind]) body += B64[random.int(64)];
	const lines = body.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${kind}-----\n${lines.join('\n')}\n-----END ${kind}-----\n`;
}

/** base64 of the PEM text, as kubeconfigs carry it in certificate-authority-data and the like. */
export function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}
