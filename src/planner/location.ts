import type { PlanLocation, SourceLocation } from '../model/index.js';

/** What an action records of where a manifest declares its resource: the file and the line. */
export function locationOf(r: { readonly location?: SourceLocation | undefined }): {
  location?: PlanLocation;
} {
  return r.location === undefined ? {} : { location: { file: r.location.file, line: r.location.line } };
}
