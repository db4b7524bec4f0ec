/** The connector catalogue's shape. Generated data lives in connectors.generated.ts. */

export type ConnectorKind = 'source' | 'destination' | 'transform';

export type FieldType =
  'string' | 'int' | 'bool' | 'list<string>' | 'map<string,string>' | 'map<string,object>' | 'json-string';

export type ScalarDefault = string | number | boolean;

export interface MapValueField {
  readonly type: string;
  readonly required: boolean;
}

export interface FieldSpec {
  /** Friendly snake_case name: the manifest key (the provider's tf_attr). */
  readonly name: string;
  /** Exact key inside `config` on the wire. */
  readonly apiKey: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly secret: boolean;
  readonly default?: ScalarDefault;
  readonly enum?: readonly string[];
  readonly range?: readonly [number, number];
  /** Server-generated: never sent, never diffed. */
  readonly readOnly?: true;
  /** Optional without a static default: unset in the manifest means unmanaged. */
  readonly serverMayFill?: true;
  /** A change forces delete + create. */
  readonly setOnce?: true;
  /** Sent as a JSON-encoded string on the wire. */
  readonly jsonString?: true;
  readonly mapValueFields?: Readonly<Record<string, MapValueField>>;
}

export interface DeprecatedAlias {
  /** The deprecated friendly name. */
  readonly name: string;
  /** The canonical friendly name it stands for. */
  readonly canonical: string;
}

export interface ConnectorSpec {
  readonly kind: ConnectorKind;
  /** Value of `connector` (sources, destinations) or `transform` (transforms). */
  readonly code: string;
  /** The Terraform provider's resource name, kept for cross-reference in messages. */
  readonly resource: string;
  /** Transforms only: a preview deploy must precede the live one. */
  readonly previewDeploy?: true;
  readonly fields: readonly FieldSpec[];
  readonly deprecatedAliases: readonly DeprecatedAlias[];
  /** Keys the catalogue once knew that the backend dropped: rejected with a message. */
  readonly removedKeys: readonly string[];
}
