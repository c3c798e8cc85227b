// The API server's refusals, worded as kube-apiserver words them (a StatusError), with the
// field path of each cause so a caller holding the manifest can point at the line.

export type StatusReason = 'Invalid' | 'AlreadyExists' | 'NotFound' | 'Conflict' | 'InternalError';

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
	return kind === 'EndpointSlice' ? 'endpointslices.discovery.k8s.io' : `${kind.toLowerCase()}s`;
}

export function alreadyExists(kind: string, name: string): ApiError {
	return new ApiError('AlreadyExists', `${resourceOf(kind)} "${name}" already exists`);
}

export function notFound(kind: string, name: string): ApiError {
	return new ApiError('NotFound', `${resourceOf(kind)} "${name}" not found`);
}
