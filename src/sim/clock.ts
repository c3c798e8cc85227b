// Simulated time: deterministic, so the same seed prints the same log timestamps. Every
// component action advances it a little, as real actions take a few milliseconds.

export class SimClock {
	private ms: number;
	constructor(start = Date.UTC(2026, 0, 12, 9, 30, 0)) {
		this.ms = start;
	}
	now(): Date {
		return new Date(this.ms);
	}
	/** Microseconds matter for klog's timestamps; keep a sub-millisecond part. */
	private micros = 0;
	nowMicros(): {date: Date; micros: number} {
		return {date: new Date(this.ms), micros: this.micros};
	}
	advance(ms: number, micros = 0): void {
		this.micros += micros;
		this.ms += ms + Math.floor(this.micros / 1000);
		this.micros %= 1000;
	}
}

export interface ClusterEvent {
	time: Date;
	/** The component that acted: `kubelet/node01`, `kube-proxy/node01`, `endpointslice-controller`, … */
	source: string;
	message: string;
}
