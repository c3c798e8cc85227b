// What every verb shares: its result, and the namespace it works in (-n, else the kubeconfig context's, else `default`).
import {flagValue, type ParsedLine} from './flags.js';

export interface VerbResult {
	stdout: string;
	stderr: string;
	status: number;
}

export function namespaceOf(line: ParsedLine): string {
	return flagValue(line, 'namespace') || flagValue(line, '__context-namespace') || 'default';
}
