import test from 'ava';
import {render} from 'ink-testing-library';
import {App} from '../../src/ui/app.js';
import {homeFrame} from '../../src/ui/screens/home/layout.js';
import {frameText} from '../../src/ui/prelude.js';
import {initialState, type AppState} from '../../src/ui/state/state.js';
import {freshProgress, type Progress} from '../../src/tutor/progress/types.js';
import {course, SIZE, stepOf} from './helpers.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	await tick();
}

function mount(progress: Progress) {
	const w = course();
	const saved: Progress[] = [];
	let last: AppState | undefined;
	const initial = initialState({size: SIZE, progress, outline: w.outline, progressFile: '/tmp/p.json', colourEnv: false});
	const app = render(<App initial={initial} loadWorld={async () => w} sink={{save: (p) => saved.push(p)}} size={SIZE} onState={(s) => (last = s)} />);
	const frame = (): string => app.lastFrame() ?? '';
	return {app, frame, saved, state: () => last!};
}

test('the first frame Ink draws is the one the prelude drew before Ink was loaded', (t) => {
	const progress = freshProgress(5);
	const {app, frame} = mount(progress);
	const prelude = frameText(homeFrame({outline: course().outline, progress, cursor: 0, columns: SIZE.columns, rows: SIZE.rows, loading: true}), SIZE);
	const trim = (s: string): string => s.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n');
	t.is(trim(app.frames[0] ?? frame()), trim(prelude));
	app.unmount();
});

test('Down+Enter written in one go answers the choice under the cursor (ink-select-input fast-input bug)', async (t) => {
	const quizStep = stepOf(0, (s) => 'quiz' in s);
	const progress: Progress = {...freshProgress(1), last: {lesson: 'two-pods', step: quizStep}, lessons: {'two-pods': {step: quizStep, furthest: quizStep, done: false, answers: {}}}};
	const {app, frame, saved, state} = mount(progress);
	await until(() => frame().includes('❯ Continue'), 'home');
	await until(() => state()?.world !== undefined, 'the course');
	app.stdin.write('\r');
	await until(() => frame().includes('Quiz'), 'the quiz');
	const asked = course().lessonStep(0, quizStep, 1).question(0);
	if (!asked.ok) throw new Error(asked.message);
	const second = asked.question.choices![1]!;
	t.regex(frame(), /❯ 1 /, 'the cursor starts on the first choice');

	app.stdin.write('\u001B[B\r');
	await until(() => /Right\.|Not quite\./.test(frame()), 'the verdict');
	const screen = state().screen;
	t.is(screen.name === 'lesson' ? screen.quiz.verdict?.understood : undefined, second);
	const mark = second === asked.question.answerKey.expected ? '✔' : '✖';
	t.true(frame().includes(`${mark} ${second}`), frame());
	const record = saved.at(-1)?.lessons['two-pods']?.answers[String(quizStep)];
	t.deepEqual(record, {tries: 1, firstCorrect: second === asked.question.answerKey.expected, lastCorrect: second === asked.question.answerKey.expected});
	app.unmount();
});

test('every step change is handed to the progress sink; typed answers arrive as pasted text', async (t) => {
	const quizStep = stepOf(1, (s) => 'quiz' in s && 'generate' in s.quiz && s.quiz.generate === 'dnat-target');
	const progress: Progress = {...freshProgress(1), last: {lesson: 'db-service', step: quizStep - 1}, lessons: {'db-service': {step: quizStep - 1, furthest: quizStep - 1, done: false, answers: {}}}};
	const {app, frame, saved, state} = mount(progress);
	await until(() => state()?.world !== undefined, 'the course');
	app.stdin.write('\r');
	await until(() => frame().includes(`step ${quizStep}/`), 'the step before the quiz');
	app.stdin.write('\r');
	await until(() => frame().includes('Your answer (IP:port)'), 'the quiz');
	t.is(saved.at(-1)?.last?.step, quizStep);
	app.stdin.write('\r');
	await until(() => frame().includes('❯ ▏'), 'the field');
	app.stdin.write('10.244.1.2:3306');
	await until(() => frame().includes('❯ 10.244.1.2:3306▏'), 'the answer typed');
	app.stdin.write('\r');
	await until(() => frame().includes('✔ Right.'), 'the verdict');
	t.is(saved.at(-1)?.lessons['db-service']?.answers[String(quizStep)]?.firstCorrect, true);
	app.stdin.write('q');
	await until(() => state().quit, 'quit');
	t.pass();
});

test('control: the same burst makes ink-select-input, left to its own key handling, pick the previous item', async (t) => {
	const {default: SelectInput} = await import('ink-select-input');
	const picked: number[] = [];
	const app = render(<SelectInput items={[0, 1, 2].map((value) => ({label: `item ${value}`, value}))} onSelect={(item) => picked.push(item.value)} />);
	await tick();
	app.stdin.write('\u001B[B\r');
	await tick();
	await tick();
	// This is the bug the app's own key handling avoids (see src/ui/choice-list.tsx): the cursor
	// was on item 1 when Enter came, but the stale handler selected item 0.
	t.deepEqual(picked, [0]);
	app.unmount();
});
