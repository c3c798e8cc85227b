export {traceNftPacket} from './trace.js';
export {formatNftTrace, describeNftOutcome} from './format.js';
export type {NftOutcome, NftStep, NftTraceInput, NftTraceResult} from './types.js';
