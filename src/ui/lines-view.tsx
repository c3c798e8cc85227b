// Draws lines computed by the layouts, one Ink <Text> per line, nothing else.
import {Box, Text} from 'ink';
import type {Line} from './layout/line.js';
import {useColour} from './theme.js';

export function LinesView({lines}: {lines: readonly Line[]}) {
	const colour = useColour();
	return (
		<Box flexDirection="column">
			{lines.map((l, i) => (
				<Text key={i} wrap="truncate-end">
					{l.every((s) => s.text === '')
						? ' '
						: l.map((s, j) => (
								<Text key={j} {...(colour && s.colour ? {color: s.colour} : {})} bold={s.bold === true} dimColor={s.dim === true} inverse={s.inverse === true}>
									{s.text}
								</Text>
							))}
				</Text>
			))}
		</Box>
	);
}
