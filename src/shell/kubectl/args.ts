// What kubectl's resource builder makes of `TYPE[,TYPE…] [NAME…]` and `TYPE/NAME…` arguments.
import {KubectlError, unknownResourceType} from './errors.js';
import {RESOURCE_TYPES, resolveType, type ResourceType} from './resources.js';

export interface ResourceRequest {
	type: ResourceType;
	/** Empty: every object of the type (a list). */
	names: string[];
}

export function resolveArgs(args: readonly string[]): {requests: ResourceRequest[]; singleItemImplied: boolean} {
	if (args.some((a) => a.includes('/'))) {
		const requests: ResourceRequest[] = [];
		for (const arg of args) {
			const slash = arg.indexOf('/');
			if (slash === -1) {
				throw new KubectlError(
					`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n`,
				);
			}
			const typed = arg.slice(0, slash);
			const name = arg.slice(slash + 1);
			const type = resolveType(typed);
			if (!type) throw unknownResourceType(typed);
			if (name === '') throw new KubectlError(`error: arguments in resource/name form must have a single resource and name\n`);
			const last = requests[requests.length - 1];
			if (last && last.type === type) last.names.push(name);
			else requests.push({type, names: [name]});
		}
		return {requests, singleItemImplied: args.length === 1};
	}
	const [typesArg, ...names] = args;
	const requests: ResourceRequest[] = [];
	for (const typed of (typesArg ?? '').split(',')) {
		if (typed === 'all') {
			for (const type of RESOURCE_TYPES) if (type.inAll && !requests.some((r) => r.type === type)) requests.push({type, names: [...names]});
			continue;
		}
		const type = resolveType(typed);
		if (!type) throw unknownResourceType(typed);
		if (!requests.some((r) => r.type === type)) requests.push({type, names: [...names]});
	}
	return {requests, singleItemImplied: requests.length === 1 && names.length === 1};
}
