// The recent match (xt_recent): kube-proxy's ClientIP session affinity.

import type {Match, Rule} from '../rule.js';
import {appendRefused, paramError, unsupported} from './errors.js';
import {Extension, type MatchExt} from './extension.js';
import {intToIp, parseIpv4, parseUnsigned} from './numbers.js';

type Command = 'set' | 'rcheck' | 'update' | 'remove';

const OPTIONS = ['set', 'rcheck', 'update', 'remove', 'seconds', 'reap', 'hitcount', 'rttl', 'name', 'mask', 'rsource', 'rdest'];
const WITH_ARGUMENT = ['seconds', 'hitcount', 'name', 'mask'];

function isCommand(option: string): option is Command {
	return option === 'set' || option === 'rcheck' || option === 'update' || option === 'remove';
}

export class RecentMatchExt extends Extension implements MatchExt {
	private declare command: Command | undefined;
	private declare seconds: number | undefined;
	private declare reap: boolean;
	private declare name: string;
	private declare mask: string;
	private declare side: 'rsource' | 'rdest';

	constructor(line: number) {
		super('recent', line);
		this.command = undefined;
		this.seconds = undefined;
		this.reap = false;
		this.name = 'DEFAULT';
		this.mask = '255.255.255.255';
		this.side = 'rsource';
	}

	option(name: string): string | undefined {
		return OPTIONS.includes(name) ? name : undefined;
	}

	takesArgument(option: string): boolean {
		return WITH_ARGUMENT.includes(option);
	}

	accept(option: string, arg: string | undefined, inverted: boolean): void {
		const {line} = this;
		if (isCommand(option)) {
			if (inverted) throw unsupported(line, `an inverted recent --${option}`);
			if (this.command !== undefined) {
				throw paramError(line, `recent: option "--${this.command}" cannot be used together with "--${option}".\n`);
			}
			this.command = option;
			return;
		}
		this.notInverted(option, inverted);
		if (option === 'rsource' || option === 'rdest') {
			this.side = option;
			return;
		}
		this.once(option);
		if (option === 'seconds') {
			const value = parseUnsigned(arg!, 0xffffffff);
			if (value === undefined) {
				throw paramError(line, `recent: bad value for option "--seconds", or out of range (0-4294967295).\n`);
			}
			this.seconds = value;
		} else if (option === 'reap') {
			this.reap = true;
		} else if (option === 'name') {
			this.name = arg!;
		} else if (option === 'mask') {
			const value = parseIpv4(arg!, true);
			if (value === undefined) throw paramError(line, `host/network \`${arg}' not found`);
			this.mask = intToIp(value);
		} else {
			throw unsupported(line, `recent --${option}`);
		}
	}

	finish(rule: Rule): Match {
		const {line, command, seconds, reap, name, mask, side} = this;
		if (command === undefined) {
			throw paramError(line, "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
		}
		if (reap && seconds === undefined) throw paramError(line, 'recent: option "--reap" also requires "--seconds".\n');
		// The kernel refuses a timeout on --set/--remove and names that are not plain words.
		if ((seconds !== undefined && (command === 'set' || command === 'remove')) || !/^[\w.-]{1,199}$/.test(name)) {
			throw appendRefused(line, rule.chain);
		}
		const match: Match = {module: 'recent', command, name, reap, mask, side};
		if (seconds !== undefined) match.seconds = seconds;
		return match;
	}
}
