// A node's connection tracking table as `conntrack -L` (conntrack-tools 1.4.7) shows it: each
// entry's original tuple (as the first packet arrived) and reply tuple (as the answer is expected,
// after NAT: a DNATed connection's reply comes from the endpoint), its TCP state and the seconds
// left before the kernel forgets it.
import type {SimClock} from '../clock.js';

/** The kernel's default TCP timeouts (nf_conntrack_proto_tcp.c), in seconds, for the states the
 * shell's connections end in: a closed connection waits in TIME_WAIT, an unanswered SYN in
 * SYN_SENT, a reset one in CLOSE. */
export const TCP_TIMEOUTS = {TIME_WAIT: 120, SYN_SENT: 120, CLOSE: 10} as const;
export type TcpState = keyof typeof TCP_TIMEOUTS;

export interface Tuple {
	src: string;
	dst: string;
	sport: number;
	dport: number;
}

export interface ConntrackEntry {
	proto: 'tcp';
	state: TcpState;
	original: Tuple;
	reply: Tuple;
	/** Both directions carried packets and the handshake completed. */
	assured: boolean;
	/** No packet came back. */
	unreplied: boolean;
	/** Milliseconds since the epoch (simulated clock) when the kernel drops the entry. */
	expiresAt: number;
}

export class ConntrackTable {
	private entries: ConntrackEntry[] = [];

	add(entry: ConntrackEntry): void {
		this.entries.push(entry);
	}

	/** The live entries, oldest first; expired ones are dropped as the kernel's gc would. */
	list(clock: SimClock): ConntrackEntry[] {
		const now = clock.now().getTime();
		this.entries = this.entries.filter((e) => e.expiresAt > now);
		return [...this.entries];
	}

	/** `conntrack -F`. */
	flush(): void {
		this.entries = [];
	}
}

function tuple(t: Tuple): string {
	return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`;
}

/** One line of `conntrack -L`: `tcp      6 119 TIME_WAIT src=… [ASSURED] mark=0 use=1`. The timeout
 * is the kernel's whole seconds left, rounded down (so 119 just after a 120 s entry starts). */
export function formatEntry(entry: ConntrackEntry, now: number): string {
	const left = Math.max(0, Math.ceil((entry.expiresAt - now) / 1000) - 1);
	const unreplied = entry.unreplied ? ' [UNREPLIED]' : '';
	const assured = entry.assured ? ' [ASSURED]' : '';
	return `${'tcp'.padEnd(8)} 6 ${left} ${entry.state} ${tuple(entry.original)}${unreplied} ${tuple(entry.reply)}${assured} mark=0 use=1\n`;
}
