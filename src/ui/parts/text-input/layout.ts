// A text field as a line: the text with the cursor (▏) where the next character goes.
import {seg, type Line} from '../../layout/line.js';
import type {TextInput} from './state.js';

export function textInputLine(input: TextInput): Line {
	const chars = [...input.text];
	const at = Math.max(0, Math.min(input.cursor, chars.length));
	const after = chars.slice(at).join('');
	return [seg(chars.slice(0, at).join('')), seg('▏', {bold: true}), ...(after ? [seg(after)] : [])];
}
