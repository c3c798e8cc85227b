// The kubelet of one node: when a Pod is bound here it asks the container runtime (containerd) over
// CRI for the Pod's sandbox (RunPodSandbox); containerd runs the CNI plugin (flannel's bridge with
// host-local IPAM), which gives the Pod its IP. The kubelet then starts the containers and reports
// the status back to the API server. When the Pod is deleted the kubelet stops the sandbox
// (StopPodSandbox) and containerd runs CNI DEL, which gives the IP back. Since v1.24 the kubelet
// runs no CNI plugin itself (kubernetes.io "Network Plugins": CNI management is no longer in scope
// for the kubelet); each message says which of the two did it.
import type {Node, Pod} from '../api/types.js';
import {HostLocalIPAM} from '../cni/host-local-ipam.js';

/** The node components that act for a Pod: the kubelet, and the container runtime it calls over CRI. */
export type NodeComponent = 'kubelet' | 'containerd';

export interface NodeMessage {
	by: NodeComponent;
	text: string;
}

export interface KubeletReport {
	/** The Pod with its new status, to write back through the API server. */
	pod: Pod;
	/** What happened, in the words of the component that did it. */
	messages: NodeMessage[];
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
		const messages: NodeMessage[] = [];
		let ip: string;
		if (pod.spec.hostNetwork) {
			// A hostNetwork Pod shares the node's network namespace: no CNI call, the node's IP.
			ip = this.internalIP ?? '';
			messages.push({by: 'kubelet', text: `Pod ${key} uses the host network: its IP is the node's, ${ip}`});
		} else {
			if (this.ipamError !== undefined) return {error: `Failed to create pod sandbox for ${key}: ${this.ipamError}`};
			if (!this.ipam) return {error: `node ${this.nodeName} has no pod CIDR yet: CNI cannot give ${key} an IP`};
			const result = this.ipam.allocate(pod.metadata.uid ?? key);
			if (!result.ok) return {error: `Failed to create pod sandbox for ${key}: ${result.error}`};
			ip = result.allocation.ip;
			messages.push({by: 'kubelet', text: `RunPodSandbox for Pod ${key}: asks containerd over CRI`});
			messages.push({by: 'containerd', text: `CNI ADD for Pod ${key}: flannel/bridge put it on cni0 (${this.ipam.gateway}), host-local gave it ${result.allocation.address}`});
		}
		messages.push({by: 'kubelet', text: `Pod ${key} is Running and Ready at ${ip}`});
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

	/** A deleted Pod: the kubelet stops its sandbox, and containerd's CNI DEL gives its IP back to host-local. */
	podDeleted(pod: Pod): NodeMessage[] {
		if (pod.spec.nodeName !== this.nodeName || pod.spec.hostNetwork || !this.ipam) return [];
		const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
		const released = this.ipam.release(pod.metadata.uid ?? key);
		if (released.length === 0) return [];
		return [
			{by: 'kubelet', text: `StopPodSandbox for Pod ${key}: asks containerd over CRI`},
			{by: 'containerd', text: `CNI DEL for Pod ${key}: ${released.join(', ')} released`},
		];
	}
}
