// The Events a kubelet records while it starts a Pod's containers: the image pull (Pulling and
// Pulled "Successfully pulled image … in 1.2s (1.2s including waiting). Image size: N bytes." when
// the pull policy is Always, which is the default for `:latest` or no tag; Pulled "Container image
// … already present on machine" otherwise), then Created and Started. Pull times and image sizes
// are drawn from the image name: the same image shows the same figures, plausible, not measured.
import type {Container, Pod} from '../api/types.js';
import {fnv32a} from '../workloads/pod-template-hash.js';
import type {EventRecorder} from './event-recorder.js';

/** imagePullPolicy's default: Always for `:latest` or an untagged image, IfNotPresent otherwise. */
export function pullPolicyOf(container: Container): 'Always' | 'IfNotPresent' | 'Never' {
	if (container.imagePullPolicy) return container.imagePullPolicy;
	const image = container.image.split('@')[0]!;
	const lastSegment = image.split('/').pop()!;
	const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
	return container.image.includes('@') || (tag !== undefined && tag !== 'latest') ? 'IfNotPresent' : 'Always';
}

/** Go's time.Duration text for a pull time in milliseconds (`476ms`, `1.204s`). */
function goDuration(ms: number): string {
	return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

export function recordContainerStarts(recorder: EventRecorder, pod: Pod, node: string): void {
	const source = {component: 'kubelet', host: node};
	for (const c of pod.spec.containers) {
		const fieldPath = `spec.containers{${c.name}}`;
		if (pullPolicyOf(c) === 'Always') {
			const h = fnv32a(c.image);
			const took = goDuration(400 + (h % 3600));
			const size = 20_000_000 + (h % 180_000_000);
			recorder.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, source, fieldPath);
			recorder.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`, source, fieldPath);
		} else {
			recorder.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, source, fieldPath);
		}
		recorder.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, source, fieldPath);
		recorder.record(pod, 'Normal', 'Started', `Started container ${c.name}`, source, fieldPath);
	}
}
