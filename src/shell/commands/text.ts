// The text tools, by name, with where they live on an Ubuntu node.
import type {CommandEntry} from './index.js';
import {awk} from './awk.js';
import {grep} from './grep.js';
import {head, tail} from './head-tail.js';
import {ipcalc} from './ipcalc.js';
import {sed} from './sed.js';
import {cut, sort, uniq} from './sort-uniq-cut.js';
import {wc} from './wc.js';
import {base64} from './base64.js';

export const TEXT_COMMANDS: [string, CommandEntry][] = [
	['grep', {run: grep, path: '/usr/bin/grep', summary: 'lines that match (-i -v -E -o -c -n -A -B -C -w -r)'}],
	['egrep', {run: (ctx, args, stdin) => grep(ctx, ['grep', '-E', ...args.slice(1)], stdin), path: '/usr/bin/egrep', summary: 'grep -E'}],
	['head', {run: head, path: '/usr/bin/head', summary: 'the first lines (-n N)'}],
	['tail', {run: tail, path: '/usr/bin/tail', summary: 'the last lines (-n N, -n +N)'}],
	['wc', {run: wc, path: '/usr/bin/wc', summary: 'count lines, words, bytes (-l -w -c)'}],
	['sort', {run: sort, path: '/usr/bin/sort', summary: 'sort lines (-n -r -u -k -t)'}],
	['uniq', {run: uniq, path: '/usr/bin/uniq', summary: 'drop repeated lines (-c -d -u)'}],
	['cut', {run: cut, path: '/usr/bin/cut', summary: 'columns of lines (-d -f -c)'}],
	['awk', {run: awk, path: '/usr/bin/awk', summary: "patterns and fields: awk '{print $1}', -F"}],
	['sed', {run: sed, path: '/usr/bin/sed', summary: "edit lines: sed -n '2p', sed -i 's/a/b/' FILE"}],
	['ipcalc', {run: ipcalc, path: '/usr/bin/ipcalc', summary: 'a CIDR\'s network, host range and broadcast'}],
	['base64', {run: base64, path: '/usr/bin/base64', summary: 'encode or decode (-d) base64'}],
];
