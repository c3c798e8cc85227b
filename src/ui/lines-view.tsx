// Draws lines computed by the layouts, one Ink <Text> per line, nothing else. Layout pieces are
// memoised (the cluster pane, rules, log), so most lines of the next frame are the very same
// objects as this frame's: those rows are not rendered again.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Line} from './layout/line.js';
import {useColour} from './theme.js';

const sameSegments = (a: Line, b: Line): boolean => a === b || (a.length === b.length && a.every((s, i) => s === b[i] || (s.text === b[i]!.text && s.colour === b[i]!.colour && s.bold === b[i]!.bold && s.dim === b[i]!.dim && s.inverse === b[i]!.inverse)));

const Row = memo(
	function Row({line: l, colour}: {line: Line; colour: boolean}) {
		return (
			<Text wrap="truncate-end">
				{l.every((s) => s.text === '')
					? ' '
					: l.map((s, j) => (
							<Text key={j} {...(colour && s.colour ? {color: s.colour} : {})} bold={s.bold === true} dimColor={s.dim === true} inverse={s.inverse === true}>
								{s.text}
							</Text>
						))}
			</Text>
		);
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
