// The packet tracer's public face.

export {tracePacket} from './traverse.js';
export {formatTrace, describeOutcome, type FormatOptions} from './format.js';
export * from './types.js';
export {traceBranches, type BranchOptions} from './traverse.js';
