/**
 * The `topic_names` of a snapshot request. NOTE: ASSUMED, from the reading of the API
 * quickstart: for a source whose tables are `schema.table` inside one database (PostgreSQL, SQL
 * Server, Oracle, DB2, …) the topic is `<database>.<schema>.<table>`; otherwise (MySQL, MongoDB,
 * DynamoDB, or a name already qualified with its database) the name is sent as typed.
 */
import type { SourceTables } from './source-tables.js';

export function topicName(source: SourceTables, table: string): string {
  const qualifiedBySchema = table.split('.').length === 2;
  return source.schemaLevel && source.database !== undefined && qualifiedBySchema
    ? `${source.database}.${table}`
    : table;
}
