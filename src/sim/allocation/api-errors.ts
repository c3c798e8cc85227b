// How kube-apiserver and kubectl phrase allocation failures, so the simulator prints what a learner
// would see on a real cluster. A chosen value that cannot be had is a field error
// (k8s.io/apimachinery field.Invalid, wrapped in pkg/registry/core/service/storage/alloc.go); a
// dynamic allocation that fails is an internal error.

export interface FieldError {
	/** e.g. `spec.clusterIPs`, `spec.ports[0].nodePort`. */
	field: string;
	/** The bad value as Go's field errors print it: `8888`, `[]string{"10.96.0.1"}`. */
	value: string;
	detail: string;
}

/** `spec.ports[0].nodePort: Invalid value: 8888: provided port is already allocated` */
export function formatFieldError(error: FieldError): string {
	return `${error.field}: Invalid value: ${error.value}: ${error.detail}`;
}

/** Go's %#v of a []string, the form field errors use for spec.clusterIPs. */
export function goStringSlice(values: readonly string[]): string {
	return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** The status message of a 422 Invalid: `Service "web" is invalid: <field error>`. */
export function invalidStatusMessage(kind: string, name: string, error: FieldError): string {
	return `${kind} "${name}" is invalid: ${formatFieldError(error)}`;
}

/** What kubectl prints for a 422 with one cause: `The Service "web" is invalid: <field error>`. */
export function kubectlInvalidMessage(kind: string, name: string, error: FieldError): string {
	return `The ${kind} "${name}" is invalid: ${formatFieldError(error)}`;
}

/** The status message of a 500 InternalError. */
export function internalErrorMessage(detail: string): string {
	return `Internal error occurred: ${detail}`;
}
