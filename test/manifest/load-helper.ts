// Shared by the manifest tests: load one text, or capture the one-line error it causes.

import {type LoadedManifests, loadManifests, ManifestError} from '../../src/manifest/index.js';

export function load(text: string, name = 'cluster.yaml'): LoadedManifests {
	return loadManifests([{name, text}]);
}

/** The message of the ManifestError the text causes; fails loudly if it loads or throws something else. */
export function errorOf(text: string, name = 'cluster.yaml'): string {
	try {
		load(text, name);
	} catch (error) {
		if (error instanceof ManifestError) return error.message;
		throw error;
	}
	throw new Error('expected a ManifestError, but the text loaded');
}

/** Joins lines so a test's YAML can be read with its line numbers in mind. */
export function yaml(...lines: string[]): string {
	return `${lines.join('\n')}\n`;
}
