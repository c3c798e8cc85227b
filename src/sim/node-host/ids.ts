// Identifiers a real node makes up as it goes (containerd's 64-hex container and sandbox ids,
// image digests, MAC addresses, veth and netns names), derived from the cluster's seed and what
// they name, so the same cluster shows the same ids every time.
import {fnv32a} from '../workloads/pod-template-hash.js';

/** `length` hex digits, the same for the same seed and label. */
export function hexId(seed: number, label: string, length = 64): string {
	let out = '';
	for (let i = 0; out.length < length; i++) out += fnv32a(`${seed}/${i}/${label}`).toString(16).padStart(8, '0');
	return out.slice(0, length);
}

/** A locally administered unicast MAC address. */
export function macAddress(seed: number, label: string): string {
	const hex = hexId(seed, `mac/${label}`, 12);
	const first = (parseInt(hex.slice(0, 2), 16) & 0xfe) | 0x02;
	const bytes = [first.toString(16).padStart(2, '0'), ...hex.slice(2).match(/../g)!];
	return bytes.join(':');
}

/** The IPv6 link-local address the kernel derives from a MAC (EUI-64): fe80::xxxx:xxff:fexx:xxxx. */
export function linkLocalFromMac(mac: string): string {
	const b = mac.split(':').map((h) => parseInt(h, 16));
	b[0] = b[0]! ^ 0x02;
	const words = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
	return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

/** A UUID shaped string (containerd's netns names are `cni-<uuid>`). */
export function uuidFrom(seed: number, label: string): string {
	const h = hexId(seed, `uuid/${label}`, 32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
