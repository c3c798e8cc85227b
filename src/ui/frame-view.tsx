// A Frame on screen: title bar, body (full width, or text pane │ cluster pane), footer. Fixed
// height, one row less than the terminal, so Ink repaints in place and never scrolls. The layouts
// give every pane exactly the lines that fit, so only the text pane (whose question and choices
// Ink lays out) clips, and only below its last row: each row is already cut to the pane's width
// (truncate-end), and clipping sideways would cost Ink a slice of every line, on every frame.
import {Box} from 'ink';
import {ChoiceList} from './choice-list.js';
import {bodyRows, frameRows, sideWidth, TEXT_WIDTH, type Frame, type PaneContent} from './layout/frame.js';
import {exactly, seg, type Line} from './layout/line.js';
import {LinesView} from './lines-view.js';

function Pane({content}: {content: PaneContent}) {
	if ('lines' in content) return <LinesView lines={content.lines} />;
	return (
		<Box flexDirection="column">
			<LinesView lines={content.before} />
			<ChoiceList block={content.choices} />
			<LinesView lines={content.after} />
		</Box>
	);
}

export function FrameView({frame, columns, rows}: {frame: Frame; columns: number; rows: number}) {
	const body = bodyRows(rows);
	const separator: Line = [seg('│', frame.body.kind === 'split' && frame.body.focus === 'side' ? {bold: true, colour: 'blue'} : {dim: true})];
	return (
		<Box flexDirection="column" width={columns} height={frameRows(rows)}>
			<LinesView lines={[frame.title]} />
			{frame.body.kind === 'full' ? (
				<Box height={body} flexDirection="column">
					<LinesView lines={exactly(frame.body.lines, body)} />
				</Box>
			) : (
				<Box height={body} flexDirection="row">
					<Box width={TEXT_WIDTH} height={body} flexDirection="column" overflowY="hidden">
						<Pane content={frame.body.left} />
					</Box>
					<Box width={1} height={body}>
						<LinesView lines={Array.from({length: body}, () => separator)} />
					</Box>
					<Box width={sideWidth(columns)} height={body} flexDirection="column">
						<LinesView lines={frame.body.right} />
					</Box>
				</Box>
			)}
			<LinesView lines={[frame.footer]} />
		</Box>
	);
}
