// A question in the text pane: asked (choices, or a field to type into), then answered (what was
// read, the right answer, and the engine's explanation, right or wrong).
import type {QuizRecord} from '../../../tutor/progress/types.js';
import type {PaneContent} from '../../layout/frame.js';
import {blank, fit, line, seg, window, wrap, type Line} from '../../layout/line.js';
import type {Asked} from '../../world-types.js';
import {textInputLine} from '../text-input/layout.js';
import {keyFor} from '../../keymap/keymap.js';
import {QUIZ_KEYS} from './keys.js';
import {answerField, type QuizUi} from './state.js';

export interface QuizPaneOptions {
	width: number;
	rows: number;
	heading: Line;
	scroll: number;
	previous?: QuizRecord;
}

export interface QuizPane {
	content: PaneContent;
	/** Largest useful scroll offset. */
	maxScroll: number;
}

const textLines = (text: string, width: number, style = {}): Line[] => wrap(text, width, '  ').map((t) => line(t, style));

export function quizPane(asked: Asked | undefined, quiz: QuizUi, options: QuizPaneOptions): QuizPane {
	const {width, rows} = options;
	const head: Line[] = [options.heading];
	if (!asked) return {content: {lines: [...head, line('Preparing the question…', {dim: true})]}, maxScroll: 0};
	if (!asked.ok) {
		const lines = [...head, blank(), ...textLines(`This question cannot be asked of this cluster: ${asked.message}`, width, {colour: 'red'}), blank(), line('Enter: go on', {dim: true})];
		return {content: {lines}, maxScroll: 0};
	}
	const q = asked.question;
	const prompt = q.prompt.split('\n').flatMap((t) => textLines(t, width));
	if (options.previous && !quiz.verdict) {
		head.push(line(options.previous.lastCorrect ? 'Answered before: ✔ right' : 'Answered before: ✖ not right', {dim: true}));
	}
	const hint: Line[] = quiz.hint && !quiz.verdict ? [blank(), ...textLines(`Hint: ${q.hint || 'think about what each choice would mean for the packet.'}`, width, {colour: 'magenta'})] : [];

	if (!quiz.verdict) {
		if (q.mode === 'choice') {
			const items = (q.choices ?? []).map((c, i) => `${i + 1} ${fit(line(c), width - 4).map((s) => s.text).join('')}`);
			const cursor = Math.max(0, Math.min(quiz.cursor, items.length - 1));
			return {content: {before: [...head, ...prompt, blank()], choices: {id: q.id, items, cursor}, after: hint}, maxScroll: 0};
		}
		const field: Line[] = [blank(), line(`Your answer${q.answerFormat ? ` (${q.answerFormat})` : ''}:`, {dim: true})];
		if (quiz.editing) field.push([seg('❯ ', {bold: true}), ...textInputLine(answerField(quiz))]);
		else if (quiz.input) field.push([seg('  '), seg(quiz.input), seg('   (Enter to edit)', {dim: true})]);
		else field.push(line('  press Enter, then type it', {dim: true}));
		if (quiz.unreadable) field.push(...textLines(`✖ ${quiz.unreadable}; try again`, width, {colour: 'red'}));
		const all = [...head, ...prompt, ...field, ...hint];
		return {content: {lines: all.slice(0, rows)}, maxScroll: 0};
	}

	const v = quiz.verdict;
	const lines: Line[] = [...head, ...prompt, blank()];
	if (q.mode === 'choice') {
		for (const choice of q.choices ?? []) {
			const right = choice === v.expected;
			const chosen = choice === v.understood;
			const markText = right ? '✔ ' : chosen ? '✖ ' : '  ';
			lines.push(fit([seg(markText, {colour: right ? 'green' : 'red', bold: true}), seg(choice, chosen ? {bold: true} : right ? {} : {dim: true})], width));
		}
	} else {
		lines.push(...textLines(`You answered: ${v.understood}`, width));
	}
	lines.push(blank());
	lines.push(v.correct ? line('✔ Right.', {colour: 'green', bold: true}) : line('✖ Not quite.', {colour: 'red', bold: true}));
	if (!v.correct) lines.push(...textLines(`The answer: ${v.expected}`, width, {bold: true}));
	lines.push(blank());
	for (const text of v.explanation) lines.push(...textLines(text, width));
	lines.push(blank());
	lines.push(line(`Enter: next  ·  ${keyFor(QUIZ_KEYS, 'retry')}: try again`, {dim: true}));
	const {shown} = window(lines, rows, options.scroll);
	return {content: {lines: shown}, maxScroll: Math.max(0, lines.length - rows)};
}
