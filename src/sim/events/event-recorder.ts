// client-go's event recorder, shared by the components: what they report about an object
// (Scheduled, Pulled, Created, Started, Killing, SuccessfulCreate, ScalingReplicaSet…) becomes a
// core/v1 Event in the API, as `kubectl get events` and `kubectl describe` list them. The same
// object, reason and message recorded again is counted (count, lastTimestamp), as the recorder's
// aggregation does. An Event is named `<object>.<hex of the time in nanoseconds>`.
import type {Event, KubeObject} from '../api/types.js';
import type {ApiServer} from '../apiserver/apiserver.js';
import type {SimClock} from '../clock.js';
import type {Random} from '../random.js';

/** Who reports: `default-scheduler`, `kubelet` on a host, `replicaset-controller`, … */
export interface EventSource {
	component: string;
	host?: string;
}

export class EventRecorder {
	private sequence = 0;

	constructor(
		private readonly api: ApiServer,
		private readonly clock: SimClock,
		private readonly uids: Random,
	) {}

	record(object: Readonly<KubeObject>, type: Event['type'], reason: string, message: string, source: EventSource, fieldPath?: string): void {
		const {date, micros} = this.clock.nowMicros();
		const time = date.toISOString().replace(/\.\d+Z$/, 'Z');
		// Nanoseconds since the epoch, made unique per event as two real events never share one.
		const nanos = BigInt(date.getTime()) * 1_000_000n + BigInt(micros) * 1000n + BigInt(++this.sequence);
		const namespace = object.metadata.namespace ?? 'default';
		const involvedObject: Event['involvedObject'] = {
			kind: object.kind,
			...(object.metadata.namespace !== undefined ? {namespace: object.metadata.namespace} : {}),
			name: object.metadata.name,
			...(object.metadata.uid !== undefined ? {uid: object.metadata.uid} : {}),
			apiVersion: object.apiVersion,
			...(object.metadata.resourceVersion !== undefined ? {resourceVersion: object.metadata.resourceVersion} : {}),
			...(fieldPath !== undefined ? {fieldPath} : {}),
		};
		this.api.recordEvent(
			{
				apiVersion: 'v1',
				kind: 'Event',
				metadata: {name: `${object.metadata.name}.${nanos.toString(16)}`, namespace},
				involvedObject,
				reason,
				message,
				source: {component: source.component, ...(source.host !== undefined ? {host: source.host} : {})},
				firstTimestamp: time,
				lastTimestamp: time,
				count: 1,
				type,
				eventTime: null,
				reportingComponent: source.component === 'kubelet' ? 'kubelet' : source.component,
				reportingInstance: source.host ?? '',
			},
			this.uids,
		);
	}
}
