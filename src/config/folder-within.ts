// "Must not be inside the output folder": the one test of every such rule (the state folder,
// the scheduled runs' log folder, the tally cache), on the folders as they are on disk. Paths
// are compared after resolving links, so a folder reached through a link to the output folder
// (or through a link inside it) counts as inside it, even when its last parts do not exist yet.

import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Whether the folder `inner` is the folder `outer` or inside it, both absolute (or resolved
 * against the working folder), each taken as the real path of its longest existing prefix with
 * the rest appended. Reads the file system (realpath); never throws.
 */
export function isSameOrInside(inner: string, outer: string): boolean {
  const rel = relative(realPathOfNearest(resolve(outer)), realPathOfNearest(resolve(inner)));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real path of the absolute path `p`: its longest existing prefix resolved (realpath), the
 * rest appended; a link on the way that leads nowhere yet is followed to where it points (so
 * that a folder made through it later is judged by where it would be). At most 40 links.
 */
export function realPathOfNearest(p: string, depth = 0): string {
  let head = p;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail);
    } catch {
      const target = depth < 40 ? linkTarget(head) : undefined;
      if (target !== undefined) return realPathOfNearest(join(resolve(dirname(head), target), ...tail), depth + 1);
      const up = dirname(head);
      if (up === head) return p;
      tail.unshift(head.slice(up.length).replace(/^\/+/, ''));
      head = up;
    }
  }
}

/** What the link at `p` points to; undefined when `p` is not a link. */
function linkTarget(p: string): string | undefined {
  try {
    return lstatSync(p).isSymbolicLink() ? readlinkSync(p) : undefined;
  } catch {
    return undefined;
  }
}
