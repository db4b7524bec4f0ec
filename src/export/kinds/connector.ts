/** Sources and destinations: the connector code and its config. */
import type { LiveOf } from '../../model/index.js';
import { exportConfig } from '../config.js';
import type { KindExport } from './types.js';

export function connectorExport<K extends 'source' | 'destination'>(kind: K): KindExport<K> {
  return {
    item(live: LiveOf<K>, ctx) {
      const config = exportConfig(kind, live.connector, live.config, (f) => ctx.secret(f));
      if (config === undefined) {
        ctx.warn(
          `${kind} "${live.name}" uses connector "${live.connector}", which this version's catalogue does not know: not exported`,
        );
        return undefined;
      }
      return { connector: live.connector, config };
    },
  };
}
