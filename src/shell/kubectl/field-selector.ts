// --field-selector as kube-apiserver evaluates it: `path=value`, `path==value`, `path!=value`,
// joined by commas, over the fields each kind lets clients select on.
import type {ApiObject} from './api.js';
import {KubectlError} from './errors.js';
import {at} from './json.js';
import type {ResourceType} from './resources.js';

/** The field labels each kind supports (pkg/registry/…/strategy.go's *ToSelectableFields). */
const SELECTABLE: Readonly<Record<string, readonly string[]>> = {
	Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
	Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
	Node: ['spec.unschedulable'],
	Namespace: ['status.phase'],
	ReplicaSet: ['status.replicas'],
};

export type FieldSelector = (object: ApiObject) => boolean;

export function parseFieldSelector(text: string, type: ResourceType): FieldSelector {
	const requirements = text
		.split(',')
		.filter((p) => p !== '')
		.map((part) => {
			const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(part);
			if (!m) throw new KubectlError(`error: invalid selector: '${text}'; can't understand '${part}'\n`);
			const [, field, op, value] = m as unknown as [string, string, string, string];
			const allowed = ['metadata.name', 'metadata.namespace', ...(SELECTABLE[type.kind] ?? [])];
			if (!allowed.includes(field)) {
				const gvr = `${type.group ? `${type.group}/` : '/'}${type.version}, Resource=${type.resource}`;
				throw new KubectlError(`Error from server (BadRequest): Unable to find "${gvr}" that match label selector "", field selector "${text}": field label not supported: ${field}\n`);
			}
			return {path: field.split('.'), negate: op === '!=', value};
		});
	return (object) =>
		requirements.every((r) => {
			const found = at(object, ...r.path);
			const text = found === undefined || found === null ? '' : String(found);
			return r.negate ? text !== r.value : text === r.value;
		});
}
