// The API server's refusals, worded as kube-apiserver words them (a StatusError), with the
// field path of each cause so a caller holding the manifest can point at the line.

export type StatusReason = 'Invalid' | 'AlreadyExists' | 'NotFound' | 'Conflict' | 'InternalError' | 'Forbidden';

export interface FieldCause {
	/** `spec.ports[0].nodePort` */
	field: string;
	/** `Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767` */
	message: string;
}

export class ApiError extends Error {
	override readonly name = 'ApiError';
	constructor(
		readonly reason: StatusReason,
		message: string,
		readonly causes: FieldCause[] = [],
	) {
		super(message);
	}
}

/** `Service "web" is invalid: spec.x: …` (several causes are bracketed, as apimachinery does). */
export function invalidError(kind: string, name: string, causes: FieldCause[]): ApiError {
	const texts = causes.map((c) => `${c.field}: ${c.message}`);
	const body = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
	return new ApiError('Invalid', `${kind} "${name}" is invalid: ${body}`, causes);
}

/** The lower-case plural resource name used in `services "web" already exists`. */
export function resourceOf(kind: string): string {
	switch (kind) {
		case 'EndpointSlice':
			return 'endpointslices.discovery.k8s.io';
		case 'Deployment':
		case 'ReplicaSet':
		case 'DaemonSet':
			return `${kind.toLowerCase()}s.apps`;
		case 'ServiceCIDR':
			return 'servicecidrs.networking.k8s.io';
		default:
			return `${kind.toLowerCase()}s`;
	}
}

/**
 * The API server does not answer (its static Pod is down or its manifest broken): what a client
 * sees is a refused TCP connection to the advertised address, which kubectl reports as
 * `The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?`.
 */
export class ApiServerUnreachableError extends Error {
	override readonly name = 'ApiServerUnreachableError';
	constructor(
		readonly host: string,
		readonly port: number,
	) {
		super(`The connection to the server ${host}:${port} was refused - did you specify the right host or port?`);
	}
}

export function alreadyExists(kind: string, name: string): ApiError {
	return new ApiError('AlreadyExists', `${resourceOf(kind)} "${name}" already exists`);
}

export function notFound(kind: string, name: string): ApiError {
	return new ApiError('NotFound', `${resourceOf(kind)} "${name}" not found`);
}
