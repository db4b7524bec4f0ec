import { allConnectorEntries, findConnectorEntries } from '../../reference/connector-keys.js';
import {
  renderConnectorKeysText,
  renderConnectorListText,
  renderConnectorsJson,
} from '../../reference/render-connectors.js';
import type { CommandContext } from '../context.js';
import type { ConnectorsFlags } from '../flags.js';

/** The `connectors` action: every connector, or the keys of the named one(s). */
export function runConnectors(ctx: CommandContext, name: string | undefined, flags: ConnectorsFlags): void {
  const entries =
    name === undefined ? allConnectorEntries(flags.kind) : findConnectorEntries(name, flags.kind);
  const json = flags.format === 'json';
  if (name === undefined)
    ctx.io.stdout.write(json ? renderConnectorsJson(entries, false) : renderConnectorListText(entries));
  else ctx.io.stdout.write(json ? renderConnectorsJson(entries, true) : renderConnectorKeysText(entries));
}
