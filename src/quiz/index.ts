// The quiz engine: questions drawn from the live simulated cluster (or seeded CIDR arithmetic)
// and answers marked against a key computed by the engine, with explanations the engine gives.
export {generateQuestion} from './generate.js';
export {checkAnswer} from './check.js';
export {authoredQuestion, type AuthoredQuiz} from './authored.js';
export {
	QuizError,
	type AnswerKey,
	type Question,
	type QuizContext,
	type QuizKind,
	type QuizMode,
	type QuizParams,
	type Verdict,
} from './types.js';
export {QUIZ_KINDS} from '../lessons/vocabulary.js';
