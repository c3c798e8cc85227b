// `svc-tutor scenario`: a generated (or named) cluster as the manifests `svc-tutor rules -f -`
// reads, so `svc-tutor scenario --seed 7 | svc-tutor rules -f - --node node01` works.
import {stringify} from 'yaml';
import type {Cluster} from '../sim/cluster/cluster.js';
import {exportManifests} from '../sim/scenarios/export.js';
import {generateScenario} from '../sim/scenarios/generate.js';
import {seedNotesCluster} from '../sim/scenarios/seed-notes.js';
import {UsageError, type CommandIO} from './io.js';
import {quote} from './quote.js';

export const SCENARIO_NAMES = ['seed-notes'] as const;

export interface ScenarioArgs {
	seed: number;
	name?: string;
	nodes?: number;
	services?: number;
	output: 'yaml' | 'json';
}

export function buildScenario(args: Omit<ScenarioArgs, 'output'>): Cluster {
	if (args.name !== undefined) {
		if (args.name !== 'seed-notes') {
			throw new UsageError(`scenario: unknown --name ${quote(args.name)}; known: ${SCENARIO_NAMES.join(', ')}`);
		}
		if (args.nodes !== undefined || args.services !== undefined) {
			throw new UsageError('scenario: --nodes and --services shape generated clusters; --name seed-notes is fixed');
		}
		return seedNotesCluster(args.seed);
	}
	try {
		// Only the objects are printed: no node's kube-proxy needs to run (see ScenarioOptions.kubeProxies).
		return generateScenario({seed: args.seed, kubeProxies: 'on-demand', ...(args.nodes !== undefined ? {nodes: args.nodes} : {}), ...(args.services !== undefined ? {services: args.services} : {})});
	} catch (error) {
		if (error instanceof RangeError) throw new UsageError(`scenario: ${error.message}`);
		throw error;
	}
}

export function runScenario(args: ScenarioArgs, io: CommandIO): number {
	const manifests = exportManifests(buildScenario(args));
	io.stdout(args.output === 'json' ? JSON.stringify(manifests, null, 2) + '\n' : stringify(manifests, {lineWidth: 0}));
	return 0;
}
