/** A generated manifest of many small resources (sources, destinations, pipelines) for load tests. */
export function manyResourcesManifest(opts: { pipelines: number; namespace?: string }): string {
  const n = opts.pipelines;
  const lines: string[] = [`namespace: ${opts.namespace ?? 'load'}`, 'sources:'];
  for (let i = 0; i < n + 1; i++) {
    lines.push(
      `  - name: src-${i}`,
      '    connector: postgresql',
      '    config:',
      `      database_hostname: db-${i}.internal`,
      '      database_user: streamkap',
      '      database_password: ${env:LOAD_DB_PASSWORD}',
      '      database_dbname: shop',
      '      schema_include_list: public',
      '      table_include_list: [public.orders, public.items]',
    );
  }
  lines.push('destinations:');
  for (let i = 0; i < n + 1; i++) {
    lines.push(
      `  - name: dst-${i}`,
      '    connector: clickhouse',
      '    config:',
      `      hostname: ch-${i}.internal`,
      '      connection_username: streamkap',
      '      connection_password: ${env:LOAD_CH_PASSWORD}',
      '      database: shop',
    );
  }
  lines.push('pipelines:');
  for (let i = 0; i < n; i++) {
    lines.push(
      `  - name: pipe-${i}`,
      `    source: src-${i}`,
      `    destination: dst-${i}`,
      '    topics: [public.orders]',
    );
  }
  return `${lines.join('\n')}\n`;
}

export const LOAD_SECRETS = { LOAD_DB_PASSWORD: 'load-db-pw-3a9c', LOAD_CH_PASSWORD: 'load-ch-pw-77e1' };

/** Total resources of `manyResourcesManifest` (tags not counted). */
export function resourceCount(pipelines: number): number {
  return 3 * pipelines + 2;
}
