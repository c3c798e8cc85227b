// The cluster screen's keys, in the order they are tried (and shown): an open view's, the
// question's, a show step's view's, then moving on, scrolling, the panes, the tools and home.
import {within, type Keymap} from '../../keymap/keymap.js';
import {QUIZ_KEYS, type QuizContext} from '../../parts/quiz/keys.js';
import {VIEW_KEYS, viewTyping} from '../../parts/view.js';
import type {Asked} from '../../world-types.js';
import type {ClusterIntent, ClusterScreen} from './state.js';

export interface ClusterContext {
	screen: ClusterScreen;
	/** The question on screen, if any. */
	asked?: Asked;
	/** Lessons: the step is a show step with its view open; its kind. */
	show?: 'rules' | 'log' | 'trace';
	/** Lessons: the end card. */
	atEnd: boolean;
	/** Lessons: what Enter opens on the end card. */
	nextLesson: boolean;
	/** Lessons: the command line the step offers to try in the shell (its `shell:`). */
	shell?: string;
}

const tool = (c: ClusterContext): boolean => c.screen.tool !== undefined;
const plain = (c: ClusterContext): boolean => !tool(c);
const lesson = (c: ClusterContext): boolean => plain(c) && c.screen.name === 'lesson';
const practice = (c: ClusterContext): boolean => plain(c) && c.screen.name === 'practice';
const quizStep = (c: ClusterContext): boolean => c.asked !== undefined;
const answered = (c: ClusterContext): boolean => c.screen.quiz.verdict !== undefined;
const textStep = (c: ClusterContext): boolean => lesson(c) && !quizStep(c) && !c.atEnd && c.show === undefined;

const quizContext = (c: ClusterContext): QuizContext | undefined => (plain(c) && c.asked ? {quiz: c.screen.quiz, asked: c.asked, pane: c.screen.pane} : undefined);

export const CLUSTER_KEYS: Keymap<ClusterContext, ClusterIntent> = [
	// An open view (r, t, l) has every key until Esc.
	...within(VIEW_KEYS, (c: ClusterContext) => c.screen.tool, (intent): ClusterIntent => ({type: 'tool', intent})),
	{keys: ['escape', 'b', 'backspace'], when: (c) => tool(c) && !viewTyping(c.screen.tool), label: 'Esc', does: 'close', help: 'close the view (b and ⌫ too)', to: {type: 'closeTool'}},
	{keys: ['any'], when: tool, to: {type: 'ignore'}},
	// The question.
	...within(QUIZ_KEYS, quizContext, (intent): ClusterIntent => ({type: 'quiz', intent})),
	// The step's command, in the shell (before the show step's view, which has no use for x).
	{keys: ['x'], when: (c) => lesson(c) && c.shell !== undefined && !viewTyping(c.screen.name === 'lesson' ? c.screen.show : undefined), label: 'x', does: 'try it in the shell', help: "open the shell with the step's command typed, ready to edit; Esc comes back here", to: {type: 'tryInShell'}},
	// A show step's view.
	...within(VIEW_KEYS, (c: ClusterContext) => (lesson(c) && c.screen.name === 'lesson' ? c.screen.show : undefined), (intent): ClusterIntent => ({type: 'show', intent})),
	// Moving on.
	{keys: ['enter', 'right', ' '], when: textStep, label: 'Enter/→', does: 'next', help: 'the next step', to: {type: 'next'}},
	{keys: ['enter', 'right', ' '], when: (c) => lesson(c) && c.show !== undefined && c.show !== 'trace', label: 'Enter/→', does: 'next step', to: {type: 'next'}},
	{keys: ['enter'], when: (c) => lesson(c) && c.show === 'trace', label: 'Enter', does: 'next step', to: {type: 'next'}},
	{keys: ['enter', 'right', ' '], when: (c) => lesson(c) && c.atEnd, label: 'Enter', does: (c) => (c.nextLesson ? 'next lesson' : 'home'), to: {type: 'next'}},
	{keys: ['right'], when: (c) => plain(c) && quizStep(c) && !answered(c), label: '→', does: 'skip', help: 'skip the question', to: {type: 'next'}},
	{keys: ['enter', 'right', ' '], when: (c) => lesson(c) && quizStep(c), label: 'Enter', does: 'next', to: {type: 'next'}},
	{keys: ['enter'], when: (c) => practice(c) && (answered(c) || c.asked?.ok !== true), label: 'Enter', does: 'next', help: 'the next question', to: {type: 'next'}},
	{keys: ['right'], when: practice, to: {type: 'next'}},
	{keys: ['backspace'], when: (c) => lesson(c) && c.show === 'trace', label: '⌫', does: 'step back', help: 'the previous step', to: {type: 'previous'}},
	{keys: ['left', 'backspace'], when: (c) => lesson(c) && !quizStep(c), label: '←', does: 'back', help: 'the previous step (⌫ too)', to: {type: 'previous'}},
	{keys: ['left', 'backspace'], when: (c) => lesson(c) && quizStep(c), to: {type: 'previous'}},
	// Scrolling the pane that has the focus, and switching panes.
	{keys: ['up', 'k'], when: (c) => plain(c) && c.show === undefined, label: '↑↓', does: 'scroll', help: 'scroll the pane that has the focus (PgUp PgDn by a page)', to: {type: 'scroll', by: -1}},
	{keys: ['down', 'j'], when: (c) => plain(c) && c.show === undefined, to: {type: 'scroll', by: 1}},
	{keys: ['pageup'], when: (c) => plain(c) && c.show === undefined, to: {type: 'scroll', by: '-page'}},
	{keys: ['pagedown'], when: (c) => plain(c) && c.show === undefined, to: {type: 'scroll', by: 'page'}},
	{keys: ['tab'], when: (c) => plain(c) && c.show === undefined, label: 'Tab', does: (c) => (c.screen.pane === 'text' ? 'cluster pane' : 'text pane'), help: 'switch between the text and the cluster pane', to: {type: 'togglePane'}},
	// The tools.
	{keys: ['r'], when: (c) => plain(c) && (textStep(c) || practice(c)), label: 'r t l', does: 'rules trace log', help: "the node's NAT rules, a packet trace, kube-proxy's log", to: {type: 'openTool', tool: 'rules'}},
	{keys: ['r'], when: plain, to: {type: 'openTool', tool: 'rules'}},
	{keys: ['t'], when: plain, to: {type: 'openTool', tool: 'trace'}},
	{keys: ['l'], when: plain, to: {type: 'openTool', tool: 'log'}},
	{keys: ['escape', 'b'], when: plain, label: 'b', does: 'home', help: 'back home (Esc too); progress is kept', to: {type: 'home'}},
];
