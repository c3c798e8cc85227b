// metadata, as ValidateObjectMeta checks it on create: a name in the kind's syntax, a namespace
// (defaulted to `default`, as kubectl does when none is given) and well-formed labels.

import {DEFAULT_NAMESPACE, type ObjectMeta} from '../sim/api/types.js';
import type {DecodeContext} from './decode-context.js';
import {invalid, required} from './field-errors.js';
import {OBJECT_META_FIELDS} from './known-fields.js';
import {isDNS1123Label, isQualifiedName, isValidLabelValue} from './name-syntax.js';

export interface MetaRules {
	namespaced: boolean;
	/** The kind's name rule (DNS-1035 label for Services, DNS-1123 subdomain for the rest). */
	nameSyntax: (name: string) => string[];
}

export type DecodedMeta = ObjectMeta & {deletionTimestamp?: string};

/** Validates label keys and values; the API reports both on the map's path, with the bad text as value. */
export function decodeLabels(ctx: DecodeContext, value: unknown, path: readonly (string | number)[]): Record<string, string> | undefined {
	const labels = ctx.stringMap(value, path);
	if (!labels) return undefined;
	for (const [key, labelValue] of Object.entries(labels)) {
		const [keyProblem] = isQualifiedName(key);
		if (keyProblem) ctx.fail([...path, key], invalid(key, keyProblem), path);
		const [valueProblem] = isValidLabelValue(labelValue);
		if (valueProblem) ctx.fail([...path, key], invalid(labelValue, valueProblem), path);
	}
	return labels;
}

export function decodeMetadata(ctx: DecodeContext, value: unknown, rules: MetaRules): DecodedMeta {
	const path = ['metadata'];
	const metadata = ctx.map(value, path) ?? {};
	ctx.checkKnownFields(metadata, path, OBJECT_META_FIELDS);

	let namespace: string | undefined;
	if (rules.namespaced) {
		namespace = ctx.string(metadata['namespace'], ['metadata', 'namespace']) || DEFAULT_NAMESPACE;
		ctx.namespace = namespace;
	}
	// Cluster-scoped kinds: the API server clears a namespace silently, so it is not read.

	const name = ctx.string(metadata['name'], ['metadata', 'name']);
	if (name === undefined || name === '') {
		// The API would accept generateName and invent a name; a file-based tutor needs a stable one.
		const detail = metadata['generateName'] === undefined ? 'name or generateName is required' : 'svc-tutor does not generate names from metadata.generateName';
		ctx.fail(['metadata', 'name'], required(detail));
	}
	ctx.name = name;
	const [nameProblem] = rules.nameSyntax(name);
	if (nameProblem) ctx.fail(['metadata', 'name'], invalid(name, nameProblem));
	if (namespace !== undefined) {
		const [namespaceProblem] = isDNS1123Label(namespace);
		if (namespaceProblem) ctx.fail(['metadata', 'namespace'], invalid(namespace, namespaceProblem));
	}

	const meta: DecodedMeta = {name};
	if (namespace !== undefined) meta.namespace = namespace;
	const labels = decodeLabels(ctx, metadata['labels'], ['metadata', 'labels']);
	if (labels) meta.labels = labels;
	const annotations = ctx.stringMap(metadata['annotations'], ['metadata', 'annotations']);
	if (annotations) meta.annotations = annotations;
	const uid = ctx.string(metadata['uid'], ['metadata', 'uid']);
	if (uid !== undefined) meta.uid = uid;
	const resourceVersion = ctx.string(metadata['resourceVersion'], ['metadata', 'resourceVersion']);
	if (resourceVersion !== undefined) meta.resourceVersion = resourceVersion;
	const created = ctx.string(metadata['creationTimestamp'], ['metadata', 'creationTimestamp']);
	if (created !== undefined) meta.creationTimestamp = created;
	const deleted = ctx.string(metadata['deletionTimestamp'], ['metadata', 'deletionTimestamp']);
	if (deleted !== undefined) meta.deletionTimestamp = deleted;
	return meta;
}
