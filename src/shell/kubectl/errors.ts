// kubectl's failures, worded and routed as kubectl prints them (stderr, exit status 1).
import type {ResourceType} from './resources.js';
import {qualifiedResource} from './resources.js';

export class KubectlError extends Error {
	override readonly name = 'KubectlError';
	/** Text printed to stderr as it is (already `error: …` or `Error from server …`). */
	constructor(readonly text: string, readonly status = 1) {
		super(text);
	}
}

/** `error: …` with cobra's usage hint, for bad flags and arguments. */
export function usageError(verb: string, message: string): KubectlError {
	return new KubectlError(`error: ${message}\nSee 'kubectl ${verb} --help' for usage.\n`);
}

export function plainError(message: string): KubectlError {
	return new KubectlError(`error: ${message}\n`);
}

export function notFoundText(type: ResourceType, name: string): string {
	return `Error from server (NotFound): ${qualifiedResource(type)} "${name}" not found\n`;
}

export function unknownResourceType(typed: string): KubectlError {
	return new KubectlError(`error: the server doesn't have a resource type "${typed}"\n`);
}
