/** Custom tags: a name and a description (their types stay as they are: a manifest leaves them alone). */
import type { KindExport, ManifestItem } from './types.js';

export const tagExport: KindExport<'tag'> = {
  item(live) {
    const item: ManifestItem = {};
    if (live.description !== null && live.description !== '') item['description'] = live.description;
    return item;
  },
};
