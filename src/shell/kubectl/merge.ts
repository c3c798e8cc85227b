// The three patch types kubectl sends: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and
// strategic merge patch, which merges lists of containers, ports, env… by their merge key.
import {KubectlError} from './errors.js';
import {isObject, type Json, type JsonObject} from './json.js';

/** patchMergeKey of the lists k8s.io/api tags (the ones the simulated objects carry). */
function mergeKeyOf(field: string, items: readonly Json[]): string | undefined {
	switch (field) {
		case 'containers':
		case 'initContainers':
		case 'volumes':
		case 'env':
		case 'imagePullSecrets':
			return 'name';
		case 'volumeMounts':
			return 'mountPath';
		case 'conditions':
		case 'addresses':
			return 'type';
		case 'ports':
			return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
		default:
			return undefined;
	}
}

export function mergePatch(target: Json, patch: Json): Json {
	if (!isObject(patch)) return patch;
	const result: JsonObject = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key] ?? null, value);
	}
	return result;
}

export function strategicMerge(target: Json, patch: Json, field = ''): Json {
	if (Array.isArray(patch)) {
		const key = mergeKeyOf(field, [...patch, ...(Array.isArray(target) ? target : [])]);
		if (!key || !Array.isArray(target)) return patch.filter((p) => !(isObject(p) && p['$patch'] === 'delete'));
		const result: Json[] = [...target];
		for (const item of patch) {
			if (!isObject(item)) continue;
			const index = result.findIndex((r) => isObject(r) && r[key] === item[key]);
			if (item['$patch'] === 'delete') {
				if (index !== -1) result.splice(index, 1);
			} else if (index === -1) result.push(item);
			else result[index] = strategicMerge(result[index]!, item);
		}
		return result;
	}
	if (!isObject(patch)) return patch;
	if (patch['$patch'] === 'replace') {
		const {['$patch']: _, ...rest} = patch;
		return rest;
	}
	const result: JsonObject = isObject(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = strategicMerge(result[key] ?? null, value, key);
	}
	return result;
}

export function jsonPatch(target: Json, operations: Json): Json {
	if (!Array.isArray(operations)) throw new KubectlError("error: unable to parse patch: json: cannot unmarshal object into Go value of type jsonpatch.Patch\n");
	let doc: Json = structuredClone(target);
	for (const operation of operations) {
		if (!isObject(operation)) continue;
		const op = String(operation['op']);
		const path = pointer(String(operation['path'] ?? ''));
		switch (op) {
			case 'add':
				doc = put(doc, path, operation['value'] ?? null, 'add');
				break;
			case 'replace':
				get(doc, path, op);
				doc = put(doc, path, operation['value'] ?? null, 'replace');
				break;
			case 'remove':
				get(doc, path, op);
				doc = remove(doc, path);
				break;
			case 'test':
				if (JSON.stringify(get(doc, path, op)) !== JSON.stringify(operation['value'])) throw new KubectlError('error: Testing value failed\n');
				break;
			case 'move':
			case 'copy': {
				const from = pointer(String(operation['from'] ?? ''));
				const value = get(doc, from, op);
				if (op === 'move') doc = remove(doc, from);
				doc = put(doc, path, structuredClone(value), 'add');
				break;
			}
			default:
				throw new KubectlError(`error: Unexpected kind: ${op}\n`);
		}
	}
	return doc;
}

function pointer(path: string): string[] {
	if (path === '') return [];
	return path
		.slice(1)
		.split('/')
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(doc: Json, path: string[], op: string): Json {
	let current: Json = doc;
	for (const part of path) {
		if (Array.isArray(current)) current = current[Number(part)] ?? (undefined as unknown as Json);
		else if (isObject(current)) current = current[part] as Json;
		else current = undefined as unknown as Json;
		if (current === undefined) throw new KubectlError(`error: jsonpatch ${op} operation does not apply: doc is missing path: "/${path.join('/')}": missing value\n`);
	}
	return current;
}

function put(doc: Json, path: string[], value: Json, mode: 'add' | 'replace'): Json {
	if (path.length === 0) return value;
	const [head, ...rest] = path as [string, ...string[]];
	if (Array.isArray(doc)) {
		const copy = [...doc];
		const index = head === '-' ? copy.length : Number(head);
		if (rest.length > 0) copy[index] = put(copy[index] ?? null, rest, value, mode);
		else if (mode === 'add') copy.splice(index, 0, value);
		else copy[index] = value;
		return copy;
	}
	const object: JsonObject = isObject(doc) ? {...doc} : {};
	if (rest.length > 0 && !(head in object)) throw new KubectlError(`error: jsonpatch ${mode} operation does not apply: doc is missing path: "/${path.join('/')}": missing value\n`);
	object[head] = rest.length > 0 ? put(object[head] ?? null, rest, value, mode) : value;
	return object;
}

function remove(doc: Json, path: string[]): Json {
	const [head, ...rest] = path as [string, ...string[]];
	if (Array.isArray(doc)) {
		const copy = [...doc];
		if (rest.length > 0) copy[Number(head)] = remove(copy[Number(head)]!, rest);
		else copy.splice(Number(head), 1);
		return copy;
	}
	const object: JsonObject = isObject(doc) ? {...doc} : {};
	if (rest.length > 0) object[head] = remove(object[head]!, rest);
	else delete object[head];
	return object;
}
