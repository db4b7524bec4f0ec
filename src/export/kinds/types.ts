/** What a kind registers to be exported (docs/export.md): one live object → its manifest item. */
import type { JsonValue, LiveOf, ResourceKind } from '../../model/index.js';

/** One item of a manifest section, as plain data (`{ name, connector, config, ... }`). */
export type ManifestItem = { [key: string]: JsonValue };

/** What the export offers a kind's exporter for the object it is exporting. */
export interface ExportContext {
  /** `${env:NAME}` for one secret field of this object: a variable of its own, listed in `.env.example`. */
  secret(field: string): string;
  /**
   * Puts `text` in a file of its own beside the manifests (`transforms/<slug>.<extension>`) and
   * returns the path to write in the manifest, relative to the file that holds this object.
   */
  code(text: string, extension: string): string;
  /** A note for the end of the run (something left out, and why). */
  warn(message: string): void;
}

/** A kind's export registration (src/kinds/registry.ts). */
export interface KindExport<K extends ResourceKind = ResourceKind> {
  /**
   * The item's keys other than `name`, `tags` and `protected` (the export adds those), in the order
   * they are written; undefined = the object cannot be written as a manifest (say why with warn).
   */
  item(live: LiveOf<K>, ctx: ExportContext): ManifestItem | undefined;
}
