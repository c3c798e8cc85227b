// Shared fixtures for the lesson tests: where the shipped lessons live, and a small valid lesson
// whose line numbers are fixed, so a broken variant has a known line:column.

import {fileURLToPath} from 'node:url';

export const LESSONS_DIR = fileURLToPath(new URL('../../lessons/', import.meta.url));

/** Header lines 1–8; steps passed in start on line 9. */
export function sampleLesson(extraSteps = '', id = 'sample'): string {
	return `id: ${id}
title: Sample
kubernetesVersion: "1.31–1.34"
summary: A sample lesson.
cluster: seed-notes
steps:
  - text: |
      Hello.
${extraSteps}`;
}
