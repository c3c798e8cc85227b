// coreutils base64: encode with lines wrapped at 76 columns (-w N, 0 for none), -d to decode
// (Secrets' data in `kubectl get secret -o yaml`).
import {fail, type Command} from '../types.js';
import {readInputs} from './input.js';
import {getopt, has, last, OptionError, tryHelp} from './options.js';

export const base64: Command = (ctx, args, stdin) => {
	let parsed;
	try {
		parsed = getopt('base64', args.slice(1), [
			{key: 'd', short: 'd', long: 'decode'},
			{key: 'i', short: 'i', long: 'ignore-garbage'},
			{key: 'w', short: 'w', long: 'wrap', value: 'required'},
		]);
	} catch (error) {
		if (error instanceof OptionError) return fail(`${error.message}\n${tryHelp('base64')}`);
		throw error;
	}
	if (parsed.operands.length > 1) return fail(`base64: extra operand '${parsed.operands[1]}'\n${tryHelp('base64')}`);
	const [input] = readInputs(ctx, parsed.operands, stdin);
	if (input === undefined) return fail('base64: no input');
	if ('error' in input) return fail(`base64: ${input.name}: ${input.error.text}`);
	if (has(parsed, 'd')) {
		const clean = input.text.replace(/\s+/g, '');
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || (clean.length % 4 === 1)) {
			const good = clean.match(/^[A-Za-z0-9+/]*/)![0];
			return {stdout: Buffer.from(good.slice(0, good.length - (good.length % 4)), 'base64').toString('latin1'), stderr: 'base64: invalid input\n', status: 1};
		}
		return {stdout: Buffer.from(clean, 'base64').toString('utf8'), stderr: '', status: 0};
	}
	const wrapText = last(parsed, 'w') ?? '76';
	if (!/^\d+$/.test(wrapText)) return fail(`base64: invalid wrap size: '${wrapText}'`);
	const wrap = Number(wrapText);
	const encoded = Buffer.from(input.text).toString('base64');
	if (encoded === '') return {stdout: '', stderr: '', status: 0};
	const lines = wrap === 0 ? [encoded] : (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []);
	return {stdout: wrap === 0 ? encoded : `${lines.join('\n')}\n`, stderr: '', status: 0};
};
