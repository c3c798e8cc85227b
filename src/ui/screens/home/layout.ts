// The home screen: the course outline with each lesson's state and score, continue, practice,
// settings, and a bar for the whole course. Also drawn, before Ink is even loaded, as the first
// frame (see ../../prelude.ts), so it depends on nothing but the outline and the progress.
import {courseSummary, lessonProgress, lessonScore, lessonState} from '../../../tutor/progress/model.js';
import type {Progress} from '../../../tutor/progress/types.js';
import type {OutlineLesson} from '../../course/outline.js';
import {withGlobal} from '../../keymap/global.js';
import {footerHints} from '../../keymap/keymap.js';
import {bodyRows, footer, titleBar, type Frame} from '../../layout/frame.js';
import {blank, fit, line, pad, seg, window, wrap, type Line} from '../../layout/line.js';
import {homeItems, type HomeItem} from './items.js';
import {HOME_KEYS} from './keys.js';
import type {AppState} from '../../state/state.js';

export interface HomeModel {
	outline: readonly OutlineLesson[];
	progress: Progress;
	cursor: number;
	columns: number;
	rows: number;
	notice?: string;
	lessonErrors?: readonly string[];
	/** The course is still being loaded (validated) behind the first frame. */
	loading?: boolean;
}

export function homeFrame(model: HomeModel): Frame {
	const {columns, rows, outline, progress} = model;
	const items = homeItems(outline, progress);
	const cursor = Math.max(0, Math.min(model.cursor, items.length - 1));
	const summary = courseSummary(progress, outline);
	const body: Line[] = [];

	const barWidth = 24;
	const filled = Math.round(summary.fraction * barWidth);
	body.push(blank());
	body.push([
		seg(' Course  '),
		seg('█'.repeat(filled), {colour: 'green'}),
		seg('░'.repeat(barWidth - filled), {dim: true}),
		seg(` ${Math.round(summary.fraction * 100)}%`, {bold: true}),
		seg(` · ${summary.lessonsDone}/${summary.lessons} lessons done · ${summary.quizzesRight}/${summary.quizzes} quizzes right`),
	]);
	body.push(blank());

	// What goes under the list: a notice first (it must be read), then broken lessons, then the
	// highlighted lesson's summary.
	const bottom = bottomLines(model, items[cursor], columns);
	// A blank line before the summary only when there is room for it (it goes before a lesson does).
	const fixedRows = body.length + 1 /* blank after continue */ + 1 /* blank before practice */ + 3 /* practice, shell, settings */ + bottom.length;
	const listRows = Math.max(1, bodyRows(rows) - fixedRows);

	const row = (index: number, l: Line): Line => {
		const selected = index === cursor;
		const marked: Line = [seg(selected ? ' ❯ ' : '   ', {bold: true}), ...l];
		return selected ? pad(marked.map((s) => ({...s, inverse: true})), columns) : fit(marked, columns);
	};

	items.forEach((item, index) => {
		if (item.kind === 'continue') {
			const lesson = outline.find((l) => l.id === item.lesson);
			const n = outline.findIndex((l) => l.id === item.lesson) + 1;
			const where = lesson && item.step >= lesson.steps ? 'the end' : `step ${item.step + 1}/${lesson?.steps ?? '?'}`;
			body.push(row(index, item.start ? [seg('Start the course: ', {bold: true}), seg(`${n} ${lesson?.title ?? item.lesson}`)] : [seg('Continue: ', {bold: true}), seg(`${n} ${lesson?.title ?? item.lesson}, ${where}`)]));
			body.push(blank());
		}
	});

	// The lessons, windowed around the cursor when there are more than fit.
	const lessonItems = items.map((item, index) => ({item, index})).filter((x) => x.item.kind === 'lesson');
	const cursorInList = lessonItems.findIndex((x) => x.index === cursor);
	const first = cursorInList < 0 ? 0 : Math.max(0, cursorInList - listRows + 1);
	const {shown} = window(lessonItems, listRows, first);
	for (const {item, index} of shown) {
		if (item.kind !== 'lesson') continue;
		const lesson = outline[item.index]!;
		const state = lessonState(progress, lesson);
		const score = lessonScore(progress, lesson);
		const entry = lessonProgress(progress, lesson.id);
		const status =
			state === 'done' ? seg('✔ done      ', {colour: 'green'}) : state === 'in-progress' ? seg(`step ${Math.min(entry.step + 1, lesson.steps)}/${lesson.steps}`.padEnd(12), {colour: 'blue'}) : seg('new         ', {dim: true});
		const scoreText = score.total === 0 ? '' : score.answered === 0 ? `${score.total} quizzes` : `${score.right}/${score.total} right`;
		const titleRoom = columns - 3 - 3 - 12 - 2 - 12 - 1;
		body.push(row(index, [seg(`${String(item.index + 1).padStart(2)} `), ...pad(line(lesson.title), titleRoom), seg('  '), status, seg('  '), seg(scoreText, {dim: score.answered === 0})]));
	}
	if (outline.length === 0) body.push(line(model.loading ? '   Loading the course…' : '   No lessons could be loaded.', {dim: true}));
	body.push(blank());
	items.forEach((item, index) => {
		if (item.kind === 'practice') {
			const p = progress.practice;
			body.push(row(index, [seg('Practice', {bold: true}), seg('  generated questions on a scenario cluster', {dim: true}), seg(p.asked > 0 ? `  ${p.correct}/${p.asked} right` : '')]));
		} else if (item.kind === 'shell') {
			body.push(row(index, [seg('Shell', {bold: true}), seg('  kubectl, iptables and the node tools on a kubeadm cluster', {dim: true})]));
		} else if (item.kind === 'settings') {
			body.push(row(index, [seg('Settings', {bold: true}), seg(`  seed ${progress.seed}, colour ${progress.colour}`, {dim: true})]));
		}
	});
	if (body.length + 1 + bottom.length <= bodyRows(rows)) body.push(blank());
	body.push(...bottom);

	return {
		title: titleBar('svc-tutor · Kubernetes Service networking on a simulated cluster', `seed ${progress.seed}`, columns),
		body: {kind: 'full', lines: body.slice(0, bodyRows(rows))},
		footer: footer(withGlobal(footerHints(HOME_KEYS, undefined)), columns),
		scroll: {},
	};
}

function bottomLines(model: HomeModel, item: HomeItem | undefined, columns: number): Line[] {
	const width = columns - 2;
	const out: Line[] = [];
	if (model.notice) {
		for (const text of wrap(`⚠ ${model.notice}`, width, '  ').slice(0, 4)) out.push([seg(' '), seg(text, {colour: 'red', bold: true})]);
	}
	const errors = model.lessonErrors ?? [];
	if (errors.length > 0 && out.length < 4) {
		out.push([seg(' '), seg(`⚠ ${errors.length === 1 ? 'A lesson file has' : `${errors.length} lesson files have`} a problem and ${errors.length === 1 ? 'is' : 'are'} left out:`, {colour: 'red'})]);
		for (const e of errors) for (const text of wrap(e, width - 2, '  ')) out.push(line(`   ${text}`, {dim: true}));
	}
	if (out.length === 0) {
		const lesson = item?.kind === 'lesson' ? model.outline[item.index] : item?.kind === 'continue' ? model.outline.find((l) => l.id === item.lesson) : undefined;
		if (lesson) {
			out.push(line(` ${lesson.title} · Kubernetes ${lesson.kubernetesVersion} · ${lesson.steps} steps`, {dim: true}));
			for (const text of lesson.summary.split('\n')) out.push(line(`   ${text}`));
		} else if (item?.kind === 'practice') {
			out.push(line(' Questions the engine generates and checks, on a cluster of its own: DNAT targets, CIDRs,', {dim: true}));
			out.push(line(' NodePorts, chain walks, probabilities, components. Every answer is explained.', {dim: true}));
		} else if (item?.kind === 'shell') {
			out.push(line(' A terminal on a simulated kubeadm cluster (controlplane, node01, node02), as in the exam:', {dim: true}));
			out.push(line(' kubectl, iptables, ip, ps, crictl, cat, grep… and ssh between the nodes. Esc comes back.', {dim: true}));
		} else if (item?.kind === 'settings') {
			out.push(line(' The seed that generates clusters and questions, and colour.', {dim: true}));
		}
	}
	return out.slice(0, 6).map((l) => fit(l, columns));
}

/** Home as the app state has it: the loading course, its broken lessons, a notice. */
export function homeScreenFrame(state: AppState): Frame {
	return homeFrame({
		outline: state.outline,
		progress: state.progress,
		cursor: state.homeCursor,
		columns: state.size.columns,
		rows: state.size.rows,
		...(state.notice ? {notice: state.notice} : {}),
		...(state.loadError ? {notice: `The course could not be loaded: ${state.loadError}`} : {}),
		lessonErrors: state.world?.errors ?? [],
		loading: !state.world,
	});
}
