// A `cluster: {apply: …}` step carries manifest text that the simulated cluster applies when the
// learner reaches it. It is decoded here by the same loader the cluster uses (src/manifest), so
// a typo becomes a load error naming the line, not a failure in the middle of a lesson.

import {loadManifests, ManifestError} from '../manifest/index.js';

export interface ManifestProblem {
	/** 1-based line and column inside the manifest text. */
	line: number;
	column: number;
	message: string;
}

const SOURCE = 'manifest';

export function checkManifest(text: string): ManifestProblem | undefined {
	try {
		const loaded = loadManifests([{name: SOURCE, text}]);
		if (loaded.objects.length === 0 && loaded.proxyConfig === undefined) {
			return {line: 1, column: 1, message: 'manifest holds no object'};
		}
		const warning = loaded.warnings[0];
		return warning === undefined ? undefined : fromLine(warning);
	} catch (error) {
		if (error instanceof ManifestError) {
			const {line = 1, column = 1} = error.position ?? {};
			return {line, column, message: withoutPosition(error.message)};
		}
		// A failure of the decoder itself must not take the other lessons down with this one.
		return {line: 1, column: 1, message: `manifest could not be decoded: ${error instanceof Error ? error.message : String(error)}`};
	}
}

/** The loader's one-line messages start `manifest:7:11: `; the lesson error gives its own position. */
function withoutPosition(message: string): string {
	return message.replace(new RegExp(`^${SOURCE}:\\d+:\\d+: `), '');
}

function fromLine(message: string): ManifestProblem {
	const match = new RegExp(`^${SOURCE}:(\\d+):(\\d+): (.*)$`).exec(message);
	if (!match) return {line: 1, column: 1, message};
	return {line: Number(match[1]), column: Number(match[2]), message: match[3]!};
}
