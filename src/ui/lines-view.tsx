// Draws lines computed by the layouts, one Ink <Text> per line, nothing else. Layout pieces are
// memoised (the cluster pane, rules, log), so most lines of the next frame are the very same
// objects as this frame's: those rows are not rendered again. Inside a row, neighbouring segments
// of one style are drawn as one piece, and unstyled text as a plain string, not a <Text>: Ink
// styles and measures every element of every row again on each frame, so fewer is faster.
import {Box, Text} from 'ink';
import {memo, type ReactNode} from 'react';
import type {Line, Segment} from './layout/line.js';
import {useColour} from './theme.js';

const sameSegments = (a: Line, b: Line): boolean => a === b || (a.length === b.length && a.every((s, i) => s === b[i] || (s.text === b[i]!.text && s.colour === b[i]!.colour && s.bold === b[i]!.bold && s.dim === b[i]!.dim && s.inverse === b[i]!.inverse)));

/** The style a segment is drawn in, as a key: segments with equal keys look the same. */
function styleKey(s: Segment, colour: boolean): string {
	return `${colour && s.colour ? s.colour : ''}|${s.bold === true ? 'b' : ''}${s.dim === true ? 'd' : ''}${s.inverse === true ? 'i' : ''}`;
}
const UNSTYLED = '|';

function pieces(l: Line, colour: boolean): ReactNode[] {
	const out: ReactNode[] = [];
	let i = 0;
	while (i < l.length) {
		const first = l[i]!;
		const key = styleKey(first, colour);
		let text = first.text;
		for (i++; i < l.length && styleKey(l[i]!, colour) === key; i++) text += l[i]!.text;
		if (text === '') continue;
		out.push(
			key === UNSTYLED ? (
				text
			) : (
				<Text key={out.length} {...(colour && first.colour ? {color: first.colour} : {})} bold={first.bold === true} dimColor={first.dim === true} inverse={first.inverse === true}>
					{text}
				</Text>
			),
		);
	}
	return out;
}

const Row = memo(
	function Row({line: l, colour}: {line: Line; colour: boolean}) {
		const content = pieces(l, colour);
		return <Text wrap="truncate-end">{content.length === 0 ? ' ' : content.length === 1 && typeof content[0] === 'string' ? content[0] : content}</Text>;
	},
	(a, b) => a.colour === b.colour && sameSegments(a.line, b.line),
);

export function LinesView({lines}: {lines: readonly Line[]}) {
	const colour = useColour();
	return (
		<Box flexDirection="column">
			{lines.map((l, i) => (
				<Row key={i} line={l} colour={colour} />
			))}
		</Box>
	);
}
