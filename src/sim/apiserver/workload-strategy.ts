// The API defaults of the apps/v1 kinds (pkg/apis/apps/v1/defaults.go), applied when a
// Deployment, ReplicaSet or DaemonSet is stored, so `-o yaml` shows what a real cluster shows.
// Pods are left as they come: the scenarios' Pods are printed as they were written.
import type {KubeObject} from '../api/types.js';

export function applyWorkloadDefaults(object: KubeObject): void {
	switch (object.kind) {
		case 'Deployment': {
			const spec = object.spec;
			spec.replicas ??= 1;
			spec.strategy ??= {};
			spec.strategy.type ??= 'RollingUpdate';
			if (spec.strategy.type === 'RollingUpdate') {
				spec.strategy.rollingUpdate ??= {};
				spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
				spec.strategy.rollingUpdate.maxSurge ??= '25%';
			}
			spec.revisionHistoryLimit ??= 10;
			spec.progressDeadlineSeconds ??= 600;
			return;
		}
		case 'ReplicaSet':
			object.spec.replicas ??= 1;
			return;
		case 'DaemonSet': {
			const spec = object.spec;
			spec.updateStrategy ??= {};
			spec.updateStrategy.type ??= 'RollingUpdate';
			if (spec.updateStrategy.type === 'RollingUpdate') {
				spec.updateStrategy.rollingUpdate ??= {};
				spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
				spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
			}
			spec.revisionHistoryLimit ??= 10;
			return;
		}
		default:
			return;
	}
}
