// The API index's name for the knowledge base's range encoding (src/knowledge/ranges.ts).
export {
  encodeRanges as encodeTimeline,
  decodeRanges as decodeTimeline,
  rangesContain as timelineHas,
} from '../ranges.js';
