// The kubelet of one node: when a Pod is bound here it calls the CNI plugin (flannel's bridge with
// host-local IPAM) for the Pod's IP, starts its containers and reports the status back to the API
// server; when the Pod is deleted it calls CNI DEL, which gives the IP back.
import type {Node, Pod} from '../api/types.js';
import {HostLocalIPAM} from '../cni/host-local-ipam.js';

export interface KubeletReport {
	/** The Pod with its new status, to write back through the API server. */
	pod: Pod;
	/** What happened, in the words of the component that did it. */
	messages: string[];
}

export class Kubelet {
	readonly nodeName: string;
	private ipam: HostLocalIPAM | undefined;
	/** Why CNI cannot give Pods IPs on this node (a pod CIDR host-local refuses), in the plugin's words. */
	private ipamError: string | undefined;

	constructor(private node: Node) {
		this.nodeName = node.metadata.name;
		this.configureIPAM(node);
	}

	/** The node itself runs whatever its pod CIDR; only each Pod's sandbox fails, as with the real plugin. */
	private configureIPAM(node: Node): void {
		const cidr = node.spec.podCIDR ?? node.spec.podCIDRs?.[0];
		try {
			this.ipam = cidr ? new HostLocalIPAM(cidr) : undefined;
			this.ipamError = undefined;
		} catch (error) {
			this.ipam = undefined;
			this.ipamError = error instanceof Error ? error.message : String(error);
		}
	}

	get bridgeIP(): string | undefined {
		return this.ipam?.gateway;
	}

	/** The node's object changed (it got its pod CIDR from kube-controller-manager). */
	updateNode(node: Node): void {
		const hadCIDR = this.node.spec.podCIDR;
		this.node = node;
		if (!hadCIDR && node.spec.podCIDR) this.configureIPAM(node);
	}

	get internalIP(): string | undefined {
		return this.node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
	}

	/** Starts a Pod bound to this node that has not started yet; undefined when there is nothing to do. */
	syncPod(pod: Pod): KubeletReport | {error: string} | undefined {
		if (pod.spec.nodeName !== this.nodeName || pod.metadata.deletionTimestamp) return undefined;
		const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
		if (pod.status.podIP) {
			// Started elsewhere (a manifest that carries its status): record the IP so CNI never hands it out twice.
			if (!pod.spec.hostNetwork && this.ipam && !this.ipam.has(pod.status.podIP)) {
				this.ipam.allocateRequested(pod.metadata.uid ?? key, pod.status.podIP);
			}
			return undefined;
		}
		const messages: string[] = [];
		let ip: string;
		if (pod.spec.hostNetwork) {
			// A hostNetwork Pod shares the node's network namespace: no CNI call, the node's IP.
			ip = this.internalIP ?? '';
			messages.push(`Pod ${key} uses the host network: its IP is the node's, ${ip}`);
		} else {
			if (this.ipamError !== undefined) return {error: `Failed to create pod sandbox for ${key}: ${this.ipamError}`};
			if (!this.ipam) return {error: `node ${this.nodeName} has no pod CIDR yet: CNI cannot give ${key} an IP`};
			const result = this.ipam.allocate(pod.metadata.uid ?? key);
			if (!result.ok) return {error: `Failed to create pod sandbox for ${key}: ${result.error}`};
			ip = result.allocation.ip;
			messages.push(`CNI ADD for Pod ${key}: flannel/bridge put it on cni0 (${this.ipam.gateway}), host-local gave it ${result.allocation.address}`);
		}
		messages.push(`Pod ${key} is Running and Ready at ${ip}`);
		const status: Pod['status'] = {
			...pod.status,
			phase: 'Running',
			podIP: ip,
			podIPs: [{ip}],
			conditions: [
				{type: 'Initialized', status: 'True'},
				{type: 'Ready', status: 'True'},
				{type: 'ContainersReady', status: 'True'},
				{type: 'PodScheduled', status: 'True'},
			],
		};
		const hostIP = this.internalIP;
		if (hostIP !== undefined) status.hostIP = hostIP;
		return {pod: {...pod, status}, messages};
	}

	/** CNI DEL for a deleted Pod: its IP goes back to host-local. */
	podDeleted(pod: Pod): string | undefined {
		if (pod.spec.nodeName !== this.nodeName || pod.spec.hostNetwork || !this.ipam) return undefined;
		const released = this.ipam.release(pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`);
		return released.length > 0 ? `CNI DEL for Pod ${pod.metadata.namespace}/${pod.metadata.name}: ${released.join(', ')} released` : undefined;
	}
}
