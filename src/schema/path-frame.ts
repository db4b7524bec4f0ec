/**
 * A node's path while a walk goes down a document, as a chain of frames: each child adds one frame
 * instead of copying the whole path. NOTE: the walks over every document of a large manifest set
 * (control characters, null keys) turn a chain into segments only where they find something.
 */
import type { Segment } from './problems.js';

export interface PathFrame {
  readonly parent: PathFrame | undefined;
  readonly seg: Segment;
}

export function segmentsOf(frame: PathFrame | undefined): Segment[] {
  const segs: Segment[] = [];
  for (let f = frame; f; f = f.parent) segs.push(f.seg);
  return segs.reverse();
}
