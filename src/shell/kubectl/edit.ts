// kubectl edit opens $EDITOR on the object; this shell has no editor, so it says what does the same here.
import {KubectlError} from './errors.js';
import {GLOBAL_FLAGS, parseFlags} from './flags.js';
import type {VerbResult} from './verb.js';

export function edit(_ctx: unknown, tokens: readonly string[]): VerbResult {
	const line = parseFlags(tokens, [...GLOBAL_FLAGS, {name: 'output', short: 'o', type: 'string'}, {name: 'filename', short: 'f', type: 'strings'}]);
	const target = line.args.join(' ') || 'TYPE NAME';
	throw new KubectlError(
		`error: kubectl edit needs an editor, and this shell has none. Change the object with:\n` +
			`  kubectl patch ${target} -p '{"spec":{...}}'        (strategic merge; --type merge or --type json also work)\n` +
			`  kubectl get ${target} -o yaml > obj.yaml, change obj.yaml with sed -i, then kubectl apply -f obj.yaml\n`,
	);
}
