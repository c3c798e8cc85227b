// The manifest loader's public surface: load texts into API objects, and format later errors
// about them in the same one-line, position-first way.

export {formatPosition, ManifestError, type Position} from './errors.js';
export {
	duplicate,
	type FieldPath,
	fieldPathString,
	forbidden,
	formatBadValue,
	inclusiveRange,
	parseFieldPath,
	invalid,
	notSupported,
	required,
} from './field-errors.js';
export {type LoadedManifests, loadManifests, type LoadOptions as ManifestLoadOptions, type ManifestSource, objectLabel, type Origin} from './load.js';
